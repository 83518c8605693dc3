using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Teos.TestSupport.Postgres;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// Silos on PostgreSQL live through a restart of the database (issue 20): nothing exits, what needs the database is
/// answered 503 meanwhile, and once it is back appointments are accepted and breaches answered. The test restarts its
/// own PostgreSQL server, so that no other test's database goes away; it runs in the multi-silo tests' collection only
/// so as not to start its silos alongside theirs on a busy machine.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_postgres_restart_is_answered_503_meanwhile_exits_no_silo_and_the_next_breach_is_answered()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var fixture = await MultiSiloFixture.StartAsync(server, silos: 2);
        var user = await fixture.RegisteredUserAsync(fixture.Silos[0]);
        var before = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(before.Dispute, before.Penalty)).Status);

        await server.StopAsync();
        var down = DateTime.UtcNow;
        var answers = new List<TowerResponse>();
        while (DateTime.UtcNow - down < Outage)
        {
            foreach (var silo in fixture.Silos)
            {
                var channel = Channel.Revoked();
                answers.Add(await user.Via(silo.Api).AddAppointmentAsync(channel.Dispute, channel.Penalty));
                answers.Add(await new TowerUser(silo.Api).RegisterAsync());
            }

            await Task.Delay(500);
        }

        // The admin API, which reads the database too, says what is down rather than failing unexplained.
        var admin = await AdminCli.RunAsync(fixture.DataDir(fixture.Silos[0]), fixture.Silos[0], "getusers");
        await server.StartAgainAsync();
        Assert.True(admin.ExitCode != 0, admin.ToString());
        Assert.Contains("list_users failed (Unavailable): Service currently unavailable: the tower cannot store data right now", admin.Stderr);

        Assert.All(fixture.Silos, silo => Assert.False(silo.HasExited, $"a silo exited during the outage:\n{silo.Output}"));
        // Both calls write (a new user, a new appointment): with the database down each is refused as unavailable, never
        // as an unexpected error, whichever silo the grain lives on.
        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, answer.ToString()));

        // Back: a new appointment is accepted (through either silo, within a bounded wait for the pools to reconnect) ...
        var after = Channel.Revoked();
        TowerResponse accepted = null!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        foreach (var silo in fixture.Silos)
        {
            do
            {
                accepted = await user.Via(silo.Api).AddAppointmentAsync(after.Dispute, after.Penalty);
                if (accepted.Status == HttpStatusCode.OK)
                    break;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, accepted.Status);
                await Task.Delay(250);
            }
            while (DateTime.UtcNow < deadline);

            Assert.True(accepted.Status == HttpStatusCode.OK, $"after the restart: {accepted}");
        }

        // ... and the next block's breaches (the one sent before the outage and the one after) are answered.
        await fixture.Simulator.MineAsync(1, before.Dispute, after.Dispute);
        var height = await fixture.Simulator.HeightAsync();
        await fixture.WaitForBlockAsync(height, TimeSpan.FromSeconds(30));
        foreach (var channel in new[] { before, after })
        {
            var responded = await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
            Assert.Equal(channel.Penalty.GetHash().ToString(), responded.Json.GetProperty("appointment").GetProperty("penalty_txid").GetString());
            Assert.Equal(1, fixture.Broadcasts(channel.Penalty.GetHash()));
        }

        Assert.All(fixture.Silos, silo => Assert.False(silo.HasExited, $"a silo exited after the outage:\n{silo.Output}"));
    }
}
