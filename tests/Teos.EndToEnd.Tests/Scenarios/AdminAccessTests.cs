using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Admin;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>Only the operator reaches the admin API (spec 5.1, DESIGN 6): mutual TLS, and never the public port.</summary>
public class AdminAccessTests
{
    [Fact]
    public async Task Teosd_creates_the_six_certificate_files_in_the_data_dir_root()
    {
        await using var fixture = await TowerFixture.StartAsync();

        foreach (var name in new[] { "ca", "server", "client" })
        {
            Assert.True(File.Exists(Path.Combine(fixture.DataDir, $"{name}.pem")), name);
            var key = Path.Combine(fixture.DataDir, $"{name}-key.pem");
            Assert.True(File.Exists(key), key);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public async Task A_request_without_a_client_certificate_is_refused()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var admin = new AdminHttp(fixture.Tower.Admin, clientCertificate: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => admin.PostAsync(AdminCalls.GetTowerInfo, new { }));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var stranger = CertificateFromAnotherCa();
        using var admin = new AdminHttp(fixture.Tower.Admin, stranger);

        await Assert.ThrowsAsync<HttpRequestException>(() => admin.PostAsync(AdminCalls.GetTowerInfo, new { }));
    }

    [Fact]
    public async Task The_towers_own_client_certificate_is_accepted()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var admin = new AdminHttp(fixture.Tower.Admin, AdminHttp.TowerClientCertificate(fixture.DataDir));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(AdminCalls.GetTowerInfo, new { })).Status);
    }

    [Fact]
    public async Task The_admin_paths_answer_404_on_the_public_port()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = fixture.Tower.Api };

        foreach (var call in AdminCalls.All)
        {
            using var post = await http.PostAsync(call, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            using var get = await http.GetAsync(call);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        Assert.Equal(0, fixture.Tower.CountLines("Stop requested"));
    }

    [Fact]
    public async Task The_public_api_is_not_served_on_the_admin_port()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var admin = new AdminHttp(fixture.Tower.Admin, AdminHttp.TowerClientCertificate(fixture.DataDir));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("register", new { user_id = fixture.NewUser().Id.ToHex() })).Status);
    }

    /// <summary>A CA of its own issuing a client certificate with the right name: only the issuer differs.</summary>
    private static X509Certificate2 CertificateFromAnotherCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=teos Root CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=teos grpc Client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([AdminTrust.ClientAuth], false));
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), [1, 2, 3, 4]);
        return certificate.CopyWithPrivateKey(key);
    }
}
