using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Teos.TestSupport.Admin;

/// <summary>
/// gRPC channels to a tower's admin listener for tests: any client certificate (or none) and any TLS settings, and
/// every server certificate accepted, so a test sees what the server itself refuses.
/// </summary>
public static class AdminChannel
{
    public static GrpcChannel Open(Uri address, X509Certificate2? clientCertificate, Action<SslClientAuthenticationOptions>? tls = null)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        };
        tls?.Invoke(ssl);
        var handler = new SocketsHttpHandler { SslOptions = ssl, ConnectTimeout = TimeSpan.FromSeconds(10) };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>The certificate and key teosd made in <paramref name="dataDir"/> (<c>client</c>, <c>server</c> or <c>ca</c>).</summary>
    public static X509Certificate2 Load(string dataDir, string name) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(dataDir, $"{name}.pem"), Path.Combine(dataDir, $"{name}-key.pem"));

    /// <summary>A client certificate with the tower's names and usage, issued by a CA of its own: only the issuer differs.</summary>
    public static X509Certificate2 FromAnotherCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=teos Root CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=teos grpc Client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), [1, 2, 3, 4]);
        return certificate.CopyWithPrivateKey(key);
    }
}
