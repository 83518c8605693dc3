using System.Diagnostics;
using System.Net;
using Teos.EndToEnd.Tests.Harness;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>Several teosd silos on one PostgreSQL (DESIGN.md section 4), with real processes and the simulator.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MultiSiloTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Appointments_added_through_different_silos_are_all_watched_and_each_breach_is_answered_once()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 2);
        var (leader, standby) = (fixture.Silos[0], fixture.Silos[1]);
        var viaLeader = await fixture.RegisteredUserAsync(leader);
        var viaStandby = await fixture.RegisteredUserAsync(standby);
        var channels = new[] { Channel.Revoked(), Channel.Revoked() };
        Assert.Equal(HttpStatusCode.OK, (await viaLeader.AddAppointmentAsync(channels[0].Dispute, channels[0].Penalty)).Status);
        Assert.Equal(HttpStatusCode.OK, (await viaStandby.AddAppointmentAsync(channels[1].Dispute, channels[1].Penalty)).Status);

        await fixture.Simulator.MineAsync(1, channels[0].Dispute, channels[1].Dispute);
        var height = await fixture.Simulator.HeightAsync();
        await leader.WaitForBlockAsync(height);

        await viaLeader.WaitForStatusAsync(viaLeader.LocatorOf(channels[0].Dispute), "dispute_responded");
        await viaStandby.WaitForStatusAsync(viaStandby.LocatorOf(channels[1].Dispute), "dispute_responded");
        var mempool = await fixture.Simulator.MempoolAsync();
        foreach (var channel in channels)
        {
            Assert.Equal(1, fixture.Broadcasts(channel.Penalty.GetHash()));
            Assert.Contains(channel.Penalty.GetHash().ToString(), mempool);
        }

        Assert.Equal(2, await fixture.CountAsync("SELECT count(*) FROM trackers"));
        Assert.Equal(0, standby.CountLines(@"Block \d+ [0-9a-f]{64}: "));

        // Confirmed in the next block: no silo sends the penalty again.
        await fixture.Simulator.MineAsync(1);
        await leader.WaitForBlockAsync(height + 1);
        Assert.All(channels, channel => Assert.Equal(1, fixture.Broadcasts(channel.Penalty.GetHash())));
    }

    [Fact]
    public async Task When_the_leader_is_killed_another_silo_takes_over_within_two_polling_intervals_and_answers_the_next_breach()
    {
        const double pollingDelta = 1;
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 2, pollingDelta);
        var (leader, standby) = (fixture.Silos[0], fixture.Silos[1]);
        var user = await fixture.RegisteredUserAsync(leader);
        var channel = Channel.Revoked();
        Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);

        var killed = Stopwatch.StartNew();
        await leader.KillHardAsync();
        await standby.WaitForLineAsync("Block-feed lease acquired", TimeSpan.FromSeconds(10));
        var takeover = killed.Elapsed;
        await standby.WaitForLineAsync("Tower ready: following bitcoind", TimeSpan.FromSeconds(30));

        Assert.True(takeover < TimeSpan.FromSeconds(2 * pollingDelta), $"took over after {takeover.TotalSeconds:F2} s");
        await fixture.Simulator.MineAsync(1, channel.Dispute);
        await standby.WaitForBlockAsync(await fixture.Simulator.HeightAsync());
        var responded = await user.Via(standby.Api).WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
        Assert.Equal(channel.Penalty.GetHash().ToString(), responded.Json.GetProperty("appointment").GetProperty("penalty_txid").GetString());
        Assert.Equal(1, fixture.Broadcasts(channel.Penalty.GetHash()));
        Assert.Contains(channel.Penalty.GetHash().ToString(), await fixture.Simulator.MempoolAsync());
    }

    [Fact]
    public async Task One_user_sending_200_appointments_through_two_silos_at_once_is_charged_exactly_200_slots()
    {
        await using var fixture = await MultiSiloFixture.StartAsync(postgres.Server, silos: 2);
        var user = await fixture.RegisteredUserAsync(fixture.Silos[0]);
        var throughSecond = user.Via(fixture.Silos[1].Api);
        var before = (await user.GetSubscriptionInfoAsync()).UInt("available_slots");

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
        {
            var channel = Channel.Revoked();
            return (i % 2 == 0 ? user : throughSecond).AddAppointmentAsync(channel.Dispute, channel.Penalty);
        }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(before - 200, (await user.GetSubscriptionInfoAsync()).UInt("available_slots"));
        Assert.Equal(before - 200, (await throughSecond.GetSubscriptionInfoAsync()).UInt("available_slots"));
        Assert.Equal(200, await fixture.CountAsync("SELECT count(*) FROM appointments"));
    }
}
