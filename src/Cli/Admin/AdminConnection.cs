using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Teos.Protocol.Admin;

namespace Teos.Cli.Admin;

/// <summary>
/// An HTTPS connection to teosd's admin API with mutual TLS (spec 5.1): presents client.pem/client-key.pem and
/// trusts only a server certificate issued by ca.pem for the name "localhost", whatever address it dials.
/// </summary>
public sealed class AdminConnection : IDisposable
{
    private const string ServerName = "localhost";

    private readonly HttpClient _http;
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
        _http = new HttpClient(handler) { BaseAddress = endpoint.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Endpoint = endpoint;
    }

    public AdminEndpoint Endpoint { get; }

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

    /// <summary>POSTs <paramref name="body"/> to the call and returns the answer's JSON; any error becomes an <see cref="AdminCallException"/>.</summary>
    public async Task<JsonElement> CallAsync(string call, object body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(call, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AdminCallException(Unreachable(e), e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new AdminCallException($"{call} failed ({(int)response.StatusCode}): {ErrorMessage(text)}");
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _ca.Dispose();
        _client.Dispose();
    }

    private bool IsTowerServer(X509Certificate? certificate) =>
        certificate is X509Certificate2 server
        && server.MatchesHostname(ServerName)
        && AdminTrust.IsIssuedBy(server, _ca, AdminTrust.ServerAuth);

    private string Unreachable(HttpRequestException e)
    {
        var reason = e.InnerException is AuthenticationException
            ? $"TLS failed; the server's certificate is not from {Endpoint.FileInDataDir("ca.pem")}, or the tower refused client.pem"
            : e.Message;
        return $"cannot reach the admin API at {Endpoint.BaseAddress}: {reason} (is teosd running? see --rpcbind/--rpcport)";
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error))
                return error.GetString() ?? body;
        }
        catch (JsonException)
        {
        }

        return body.Length == 0 ? "no details" : body;
    }
}
