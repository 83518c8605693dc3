using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teos.Protocol.Admin;

namespace Teos.Silo.Admin;

/// <summary>
/// Makes the admin interface's CA and the server and client certificates it signs, as rust-teos does with rcgen
/// (spec 5.1): ECDSA P-256, fixed common names, subject alternative names <c>teos</c> and <c>localhost</c>.
/// </summary>
internal static class AdminCertificateAuthority
{
    public const string CaName = "teos Root CA";
    public const string ServerName = "teos grpc Server";
    public const string ClientName = "teos grpc Client";

    // rcgen's certificates never expire in practice (valid until 4096); 30 years keeps that property without
    // dates that some TLS stacks reject.
    private const int ValidityYears = 30;

    public static IssuedCertificate CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(CaName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(ValidityYears));
        return new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <param name="ca">The CA with its private key.</param>
    /// <param name="usage"><see cref="AdminTrust.ServerAuth"/> or <see cref="AdminTrust.ClientAuth"/>.</param>
    public static IssuedCertificate Issue(X509Certificate2 ca, string commonName, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(commonName, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(ca, now.AddDays(-1), ca.NotAfter.ToUniversalTime(), serial);
        return new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static CertificateRequest Request(string commonName, ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("teos");
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request;
    }
}
