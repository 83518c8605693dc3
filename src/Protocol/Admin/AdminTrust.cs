using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Teos.Protocol.Admin;

/// <summary>
/// The admin interface's one trust rule, applied by teosd to clients and by teos-cli to the server (spec 5.1): a
/// certificate is accepted only if it is a leaf (not a CA, so not the CA certificate itself) that the tower's own
/// CA (<c>ca.pem</c>) signed directly, never one chaining to a system root or to another CA.
/// </summary>
public static class AdminTrust
{
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca, Oid usage)
    {
        if (IsCertificateAuthority(certificate))
            return false;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A private CA of one tower publishes no revocation lists; rust-teos does not check revocation either.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // No extended key usage at all (rcgen's default) means any usage; a certificate restricted to another is refused.
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        return chain.Build(certificate)
            && chain.ChainElements.Count == 2
            && chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }

    private static bool IsCertificateAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(constraints => constraints.CertificateAuthority);
}
