using System.Net.Security;
using System.Security.Authentication;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Teos.Api.Tests.Support;
using Teos.Rpc.V2;
using Teos.TestSupport.Admin;
using Xunit;

namespace Teos.Api.Tests.Admin;

/// <summary>
/// Who reaches the admin listener (spec 5.1, issue 23): only a leaf client certificate the tower's CA signed, over
/// TLS 1.3 or TLS 1.2 with an AEAD suite; and nothing admin answers on the public port.
/// </summary>
// Cipher suite policies need OpenSSL; the suite runs on Linux (test.sh).
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(DefaultTowerCollection.Name)]
public sealed class AdminAccessTests(DefaultTower fixture)
{
    private TowerUnderTest Tower => fixture.Tower;

    [Fact]
    public async Task The_towers_client_certificate_is_answered()
    {
        var info = await CallAsync(AdminChannel.Load(Tower.DataDir, "client"));

        Assert.True(info.BitcoindReachable);
    }

    [Fact]
    public async Task A_call_without_a_client_certificate_fails()
    {
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(clientCertificate: null));
    }

    [Fact]
    public async Task The_ca_certificate_itself_is_refused_as_a_client_certificate()
    {
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(AdminChannel.Load(Tower.DataDir, "ca")));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused()
    {
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(AdminChannel.FromAnotherCa()));
    }

    [Fact]
    public async Task The_server_certificate_is_refused_as_a_client_certificate()
    {
        // Signed by the right CA, but for the other role (server authentication only).
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(AdminChannel.Load(Tower.DataDir, "server")));
    }

    [Fact]
    public async Task Tls_1_3_and_tls_1_2_with_an_aead_suite_are_answered()
    {
        var tls13 = await CallAsync(AdminChannel.Load(Tower.DataDir, "client"), ssl => ssl.EnabledSslProtocols = SslProtocols.Tls13);
        var tls12 = await CallAsync(AdminChannel.Load(Tower.DataDir, "client"), ssl =>
        {
            ssl.EnabledSslProtocols = SslProtocols.Tls12;
            ssl.CipherSuitesPolicy = new CipherSuitesPolicy([TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]);
        });

        Assert.True(tls13.BitcoindReachable);
        Assert.True(tls12.BitcoindReachable);
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384)]
    public async Task Tls_1_2_with_a_cbc_suite_is_refused(TlsCipherSuite suite)
    {
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(AdminChannel.Load(Tower.DataDir, "client"), ssl =>
        {
            ssl.EnabledSslProtocols = SslProtocols.Tls12;
            ssl.CipherSuitesPolicy = new CipherSuitesPolicy([suite]);
        }));
    }

    [Fact]
    public async Task Admin_paths_on_the_public_port_get_what_any_unknown_path_gets()
    {
        var admin = await Tower.PostAsync("/teos.v2.PrivateTowerServices/get_tower_info", string.Empty);
        var teos = await Tower.PostAsync("/teos.admin.v1.TeosAdminServices/list_users", string.Empty);
        var unknown = await Tower.PostAsync("/no_such_call", string.Empty);

        Assert.Equal(405, admin.Status);
        Assert.Equal(unknown.Body, admin.Body);
        Assert.Equal(unknown.Body, teos.Body);
    }

    [Fact]
    public async Task A_grpc_call_to_the_public_port_is_not_answered()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(Tower.BaseAddress);
        var client = new PrivateTowerServices.PrivateTowerServicesClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.get_tower_infoAsync(new Empty()).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task The_public_api_is_not_served_on_the_admin_port()
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = [AdminChannel.Load(Tower.DataDir, "client")],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        })
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http.PostAsync(
            new Uri(Tower.AdminAddress, "/register"), new StringContent(TestUser.Random().RegisterBody(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<GetTowerInfoResponse> CallAsync(
        System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate, Action<SslClientAuthenticationOptions>? tls = null)
    {
        using var channel = AdminChannel.Open(Tower.AdminAddress, clientCertificate, tls);
        var client = new PrivateTowerServices.PrivateTowerServicesClient(channel);
        return await client.get_tower_infoAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(20));
    }
}
