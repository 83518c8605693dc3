using System.Net;
using Google.Protobuf.WellKnownTypes;
using Teos.Api.Connections;
using Teos.EndToEnd.Tests.Harness;
using Teos.Rpc.V2;
using Teos.TestSupport.Admin;
using Teos.TestSupport.Network;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// Issue 23's remote crash: idle connections used to exhaust teosd's descriptors until the runtime aborted. A teosd
/// limited to 1,024 descriptors (a cap of 768 connections, 736 of them public) takes 5,000 idle connections,
/// from one address and then from twenty, stays alive, and keeps answering.
/// </summary>
public sealed class ConnectionFloodTests(ITestOutputHelper output)
{
    private const int Descriptors = 1024;
    private const int Flood = 5000;

    [Fact]
    public async Task Five_thousand_idle_connections_leave_a_teosd_with_1024_descriptors_alive_and_answering()
    {
        // The flood's own sockets need descriptors on this side too.
        Assert.True(DescriptorLimit.Read() is not { } mine || mine > Flood + 500, $"the test process needs {Flood + 500} descriptors");
        await using var simulator = await Simulator.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("teos-e2e-flood-").FullName;
        try
        {
            await using var tower = await Teosd.StartAsync(ChildProcess.WithDescriptorLimit(Descriptors), dataDir, simulator, LoopbackPort.Free(), environment: null);
            try
            {
                await FloodAsync(tower, dataDir);
            }
            finally
            {
                output.WriteLine($"teosd {(tower.HasExited ? "exited" : "alive")}; its log:\n{tower.Output}");
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task FloodAsync(Teosd tower, string dataDir)
    {
        Assert.Equal(1, tower.CountLines(@"Connection limits: 768 concurrent \(75 % of the descriptor limit 1024\), 256 per client address, 32 kept"));
        var server = new IPEndPoint(IPAddress.Loopback, tower.Api.Port);
        var user = new TowerUser(tower.Api);
        Assert.Equal(HttpStatusCode.OK, (await user.RegisterAsync()).Status);

        // One attacking address: it keeps 256 connections, the rest are closed; everyone else is served.
        using (var flood = await IdleConnections.OpenAsync(server, Flood, [LoopbackClient.Address(2)]))
        {
            Assert.Equal(256, await flood.SettledOpenAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)));
            await AssertServesAsync(user);
        }

        // Twenty attacking addresses, 250 connections each: the public listener fills up to its share of the cap,
        // which the descriptors teosd holds besides its connections (some 260) bring below 768 - 32.
        var sources = Enumerable.Range(10, 20).Select(LoopbackClient.Address).ToList();
        using (var flood = await IdleConnections.OpenAsync(server, Flood, sources))
        {
            var held = await flood.SettledOpenAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
            Assert.InRange(held, 400, 736);
            Assert.False(tower.HasExited);
            // The operator's share is still there: the admin API answers.
            await AssertAdminAnswersAsync(tower.Admin, dataDir);
        }

        // The flood gone, the public API answers again, and the log told the operator what happened.
        await AssertServesAsync(user);
        Assert.False(tower.HasExited);
        Assert.True(tower.CountLines("Refusing connections: ") >= 1, tower.Output);
        Assert.True(tower.CountLines(@"Descriptors allow \d+ connections") >= 1, tower.Output);
    }

    private static async Task AssertServesAsync(TowerUser user)
    {
        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Status);
    }

    private static async Task AssertAdminAnswersAsync(Uri admin, string dataDir)
    {
        using var channel = AdminChannel.Open(admin, AdminChannel.Load(dataDir, "client"));
        var info = await new PrivateTowerServices.PrivateTowerServicesClient(channel)
            .get_tower_infoAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Equal(1u, info.NRegisteredUsers);
    }
}
