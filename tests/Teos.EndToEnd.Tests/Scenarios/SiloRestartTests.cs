using System.Diagnostics;
using System.Net;
using Npgsql;
using Teos.EndToEnd.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// A lone silo on PostgreSQL killed outright and started again from its data dir. The killed incarnation's membership
/// row is still Active; on its old endpoint Orleans retires it at once, but the harness gives every start a new silo
/// port (as a moved or replaced silo gets), so the new silo may join only once that row is stale and its own probes
/// evict it: the membership heartbeat settings in TeosHost bound how long that takes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    /// <summary>From the kill to the restarted silo's "Tower ready": a bound for a shared CI machine, which a staleness of
    /// 15 s (5 s heartbeats, 3 missed) could not meet.</summary>
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_silo_killed_outright_is_ready_again_within_ten_seconds_on_a_new_silo_port_and_answers_the_next_breach()
    {
        var database = await postgres.Server.CreateDatabaseAsync("teos_restart");
        await using var fixture = await TowerFixture.StartAsync($"db_connect = \"{database}\"");
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);

        await fixture.Tower.KillHardAsync();
        var restart = Stopwatch.StartNew();
        await fixture.RestartAsync();
        restart.Stop();
        output.WriteLine($"restart after kill -9: ready after {restart.Elapsed.TotalSeconds:F2} s");

        Assert.True(restart.Elapsed < ReadyBound, $"ready {restart.Elapsed.TotalSeconds:F1} s after the kill:\n{fixture.Tower.Output}");
        // The killed incarnation's row is Dead: the restarted silo is the cluster's one Active member (status 3).
        Assert.Equal(1L, await CountAsync(database, "SELECT count(*) FROM orleans_membership WHERE status = 3"));

        await fixture.MineAsync(1, channel.Dispute);
        var responded = await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
        Assert.Equal(channel.Penalty.GetHash().ToString(), responded.Json.GetProperty("appointment").GetProperty("penalty_txid").GetString());
        Assert.Equal(1, fixture.Tower.CountLines($"Broadcast {channel.Penalty.GetHash()}"));
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
