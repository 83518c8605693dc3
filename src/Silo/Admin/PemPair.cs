using System.Security.Cryptography.X509Certificates;

namespace Teos.Silo.Admin;

/// <summary>A certificate and its key as two PEM files in the data dir (spec 5.1), e.g. server.pem and server-key.pem.</summary>
internal sealed record PemPair(string CertificatePath, string KeyPath)
{
    public static PemPair In(string dataDir, string name) =>
        new(Path.Combine(dataDir, $"{name}.pem"), Path.Combine(dataDir, $"{name}-key.pem"));

    /// <summary>A pair is usable only whole: if either file is missing both are made again (spec 5.1).</summary>
    public bool Exists => File.Exists(CertificatePath) && File.Exists(KeyPath);

    public X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);

    public async Task SaveAsync(IssuedCertificate issued, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(KeyPath, string.Empty, cancellationToken);
        // Owner-only before the key is written, so no other user can ever read it (Windows has ACLs instead).
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(KeyPath, issued.KeyPem, cancellationToken);
        await File.WriteAllTextAsync(CertificatePath, issued.CertificatePem, cancellationToken);
    }
}
