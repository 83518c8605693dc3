using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Teos.Protocol.Admin;

namespace Teos.Silo.Admin;

/// <summary>
/// The admin interface's TLS material (spec 5.1): six PEM files in the data dir root, shared by all networks.
/// Missing ones are made on every start; the server presents <see cref="Server"/> and trusts only <see cref="Ca"/>.
/// </summary>
public sealed partial class AdminCertificates : IDisposable
{
    private AdminCertificates(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public static async Task<AdminCertificates> EnsureAsync(string dataDir, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDir);
        var caFiles = PemPair.In(dataDir, "ca");
        var serverFiles = PemPair.In(dataDir, "server");
        var clientFiles = PemPair.In(dataDir, "client");

        // A new CA makes the old server and client certificates worthless: they would no longer chain to it.
        var newCa = !caFiles.Exists;
        if (newCa)
            await CreateAsync(caFiles, AdminCertificateAuthority.CreateCa(), logger, cancellationToken);
        var ca = caFiles.Load();
        if (newCa || !serverFiles.Exists)
            await CreateAsync(serverFiles, AdminCertificateAuthority.Issue(ca, AdminCertificateAuthority.ServerName, AdminTrust.ServerAuth), logger, cancellationToken);
        if (newCa || !clientFiles.Exists)
            await CreateAsync(clientFiles, AdminCertificateAuthority.Issue(ca, AdminCertificateAuthority.ClientName, AdminTrust.ClientAuth), logger, cancellationToken);

        // The CA's key is needed only to issue; the server keeps just the certificate to check clients against.
        var caCertificate = X509CertificateLoader.LoadCertificate(ca.RawData);
        ca.Dispose();
        return new AdminCertificates(caCertificate, serverFiles.Load());
    }

    /// <summary>Kestrel's client certificate check: any certificate not issued by this tower's CA is refused.</summary>
    public bool AcceptsClient(X509Certificate2 certificate) => AdminTrust.IsIssuedBy(certificate, Ca, AdminTrust.ClientAuth);

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }

    private static async Task CreateAsync(PemPair files, IssuedCertificate issued, ILogger logger, CancellationToken cancellationToken)
    {
        await files.SaveAsync(issued, cancellationToken);
        LogCreated(logger, files.CertificatePath, files.KeyPath);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Admin TLS: created {Certificate} and {Key}")]
    private static partial void LogCreated(ILogger logger, string certificate, string key);
}
