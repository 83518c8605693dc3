using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Teos.Protocol.Admin;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.V2;

namespace Teos.Cli.Admin;

/// <summary>
/// A gRPC channel to teosd's admin API with mutual TLS (spec 5.1), as rust-teos' teos-cli makes it: presents
/// client.pem/client-key.pem and trusts only a server certificate issued by ca.pem for the name "localhost",
/// whatever address it dials.
/// </summary>
internal sealed class AdminConnection : IDisposable
{
    private const string ServerName = "localhost";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly GrpcChannel _channel;
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _client;

    private AdminConnection(AdminEndpoint endpoint, X509Certificate2 ca, X509Certificate2 client)
    {
        _ca = ca;
        _client = client;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = ServerName,
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTowerServer(certificate),
            },
        };
        _channel = GrpcChannel.ForAddress(endpoint.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
        Endpoint = endpoint;
        Private = new PrivateTowerServices.PrivateTowerServicesClient(_channel);
        Teos = new TeosAdminServices.TeosAdminServicesClient(_channel);
    }

    public AdminEndpoint Endpoint { get; }

    /// <summary>rust-teos' calls (teos.v2).</summary>
    public PrivateTowerServices.PrivateTowerServicesClient Private { get; }

    /// <summary>Teos' paged calls (teos.admin.v1).</summary>
    public TeosAdminServices.TeosAdminServicesClient Teos { get; }

    /// <exception cref="AdminCallException">A certificate file is missing or unreadable.</exception>
    public static AdminConnection Open(AdminEndpoint endpoint)
    {
        var caPath = endpoint.FileInDataDir("ca.pem");
        var certificatePath = endpoint.FileInDataDir("client.pem");
        var keyPath = endpoint.FileInDataDir("client-key.pem");
        foreach (var path in new[] { caPath, certificatePath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new AdminCallException(
                    $"{path} not found. teosd creates ca.pem, client.pem and client-key.pem in its data dir on start; "
                    + "point --datadir at that directory, or copy the three files into the --datadir of this machine.");
            }
        }

        try
        {
            return new AdminConnection(
                endpoint, X509CertificateLoader.LoadCertificateFromFile(caPath), X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        }
        catch (CryptographicException e)
        {
            throw new AdminCallException($"cannot read the admin certificates in {endpoint.DataDir}: {e.Message}", e);
        }
    }

    public CallOptions Options(CancellationToken cancellationToken) => new(deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);

    /// <summary>Runs one call; a refused call or an unreachable tower becomes an <see cref="AdminCallException"/>.</summary>
    public async Task<T> CallAsync<T>(string name, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(Options(cancellationToken));
        }
        // Not reached carries the client's own exception; an UNAVAILABLE the tower sent (its store or a silo is down)
        // does not, and is shown with the tower's reason.
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal && e.Status.DebugException is not null)
        {
            throw new AdminCallException(Unreachable(e), e);
        }
        catch (RpcException e)
        {
            throw new AdminCallException($"{name} failed ({e.StatusCode}): {e.Status.Detail}", e);
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _ca.Dispose();
        _client.Dispose();
    }

    private bool IsTowerServer(X509Certificate? certificate) =>
        certificate is X509Certificate2 server
        && server.MatchesHostname(ServerName)
        && AdminTrust.IsIssuedBy(server, _ca, AdminTrust.ServerAuth);

    private string Unreachable(RpcException e)
    {
        var reason = FindInner<AuthenticationException>(e.Status.DebugException) is not null
            ? $"TLS failed; the server's certificate is not from {Endpoint.FileInDataDir("ca.pem")}, or the tower refused client.pem"
            : e.Status.Detail;
        return $"cannot reach the admin API at {Endpoint.BaseAddress}: {reason} (is teosd running? see --rpcbind/--rpcport)";
    }

    private static T? FindInner<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
                return found;
        }

        return null;
    }
}
