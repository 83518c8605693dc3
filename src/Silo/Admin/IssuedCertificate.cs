namespace Teos.Silo.Admin;

/// <summary>A newly made certificate and its private key, PEM encoded (PKCS#8 key, as rcgen writes it).</summary>
internal sealed record IssuedCertificate(string CertificatePem, string KeyPem);
