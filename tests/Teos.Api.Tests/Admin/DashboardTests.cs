using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Teos.Api.Tests.Support;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>
/// The Orleans Dashboard (issue 22): off by default; when the operator turns it on it is served on the admin
/// listener only, behind the tower's client certificates (it has no authentication of its own), never on the public port.
/// </summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task With_dashboard_on_the_admin_listener_serves_it_to_the_towers_client_certificate_only()
    {
        await using var tower = await TowerUnderTest.StartAsync("dashboard = true");

        using var withCertificate = await GetAsync(tower.AdminAddress, AdminChannel.Load(tower.DataDir, "client"));
        Assert.Equal(HttpStatusCode.OK, withCertificate.StatusCode);
        Assert.Contains("<html", await withCertificate.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(tower.AdminAddress, clientCertificate: null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(tower.AdminAddress, AdminChannel.FromAnotherCa()));

        using var publicPort = await tower.Http.GetAsync("/dashboard/");
        Assert.NotEqual(HttpStatusCode.OK, publicPort.StatusCode);
    }

    [Fact]
    public async Task By_default_there_is_no_dashboard()
    {
        await using var tower = await TowerUnderTest.StartAsync();

        using var response = await GetAsync(tower.AdminAddress, AdminChannel.Load(tower.DataDir, "client"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri admin, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var http = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        return await http.GetAsync(new Uri(admin, "/dashboard/"));
    }
}
