using System.Net;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Teos.EndToEnd.Tests.Harness;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.V2;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>Only the operator reaches the admin API (spec 5.1, DESIGN 6): gRPC with mutual TLS, and never the public port.</summary>
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
    public async Task A_call_without_a_client_certificate_is_refused()
    {
        await using var fixture = await TowerFixture.StartAsync();

        await Assert.ThrowsAsync<RpcException>(() => GetTowerInfoAsync(fixture, clientCertificate: null));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await using var fixture = await TowerFixture.StartAsync();

        await Assert.ThrowsAsync<RpcException>(() => GetTowerInfoAsync(fixture, AdminChannel.FromAnotherCa()));
    }

    [Fact]
    public async Task The_towers_own_client_certificate_is_accepted()
    {
        await using var fixture = await TowerFixture.StartAsync();

        var info = await GetTowerInfoAsync(fixture, AdminChannel.Load(fixture.DataDir, "client"));

        Assert.Equal(AdminCli.TowerId(fixture), Convert.ToHexStringLower(info.TowerId.Span));
    }

    [Fact]
    public async Task Admin_paths_are_not_served_on_the_public_port()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = fixture.Tower.Api };
        var paths = PrivateTowerServices.Descriptor.Methods.Select(method => $"/{PrivateTowerServices.Descriptor.FullName}/{method.Name}")
            .Concat(TeosAdminServices.Descriptor.Methods.Select(method => $"/{TeosAdminServices.Descriptor.FullName}/{method.Name}"));

        foreach (var path in paths)
        {
            // What rust-teos' public port answers for any path it does not serve.
            using var post = await http.PostAsync(path, new ByteArrayContent([0, 0, 0, 0, 0]));
            using var get = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        Assert.Equal(0, fixture.Tower.CountLines("Stop requested"));
    }

    [Fact]
    public async Task The_public_api_is_not_served_on_the_admin_port()
    {
        await using var fixture = await TowerFixture.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = [AdminChannel.Load(fixture.DataDir, "client")],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var body = new StringContent($$"""{"user_id":"{{fixture.NewUser().Id.ToHex()}}"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(fixture.Tower.Admin, "/register"), body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<GetTowerInfoResponse> GetTowerInfoAsync(
        TowerFixture fixture, System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate)
    {
        using var channel = AdminChannel.Open(fixture.Tower.Admin, clientCertificate);
        return await new PrivateTowerServices.PrivateTowerServicesClient(channel)
            .get_tower_infoAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(30));
    }
}
