using System.Net;
using NBitcoin;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>A user's channel is breached and the tower answers, through the public API of a real teosd.</summary>
public class BreachTests
{
    [Theory]
    [InlineData(ClientProfile.Rust)]
    [InlineData(ClientProfile.Python)]
    public async Task A_breach_is_answered_with_the_penalty_and_tracked_until_irrevocable(ClientProfile profile)
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync(profile);
        var channel = Channel.Revoked();
        var added = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("being_watched", (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Str("status"));

        await fixture.MineAsync(1, channel.Dispute);

        var responded = await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
        var tracker = responded.Json.GetProperty("appointment");
        Assert.Equal(channel.Dispute.GetHash().ToString(), tracker.GetProperty("dispute_txid").GetString());
        Assert.Equal(channel.Penalty.GetHash().ToString(), tracker.GetProperty("penalty_txid").GetString());
        Assert.Equal(channel.Penalty.ToHex(), tracker.GetProperty("penalty_rawtx").GetString());
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        var slotsWhileTracked = (await user.GetSubscriptionInfoAsync()).UInt("available_slots");

        // Mined in the next block, then irrevocable 100 blocks later: the tracker completes and refunds.
        await fixture.MineAsync(1);
        Assert.Equal(1, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        await fixture.MineAsync(99);
        Assert.Equal("dispute_responded", (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Str("status"));
        await fixture.MineAsync(1);

        var completed = await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute));
        Assert.Equal(HttpStatusCode.NotFound, completed.Status);
        Assert.Equal(slotsWhileTracked + 1, (await user.GetSubscriptionInfoAsync()).UInt("available_slots"));
    }

    [Fact]
    public async Task An_appointment_arriving_after_its_breach_is_answered_at_once()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await fixture.MineAsync(2, channel.Dispute);

        var added = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("dispute_responded", (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Str("status"));
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
    }

    [Fact]
    public async Task A_blob_that_does_not_decrypt_is_accepted_but_never_broadcast()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        var garbage = new byte[200];
        Random.Shared.NextBytes(garbage);

        var added = await user.AddAppointmentAsync(user.LocatorOf(channel.Dispute), garbage);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        await fixture.MineAsync(1, channel.Dispute);

        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Status);
        Assert.Empty(await fixture.Simulator.MempoolAsync());
        Assert.Equal(9_999u, (await user.GetSubscriptionInfoAsync()).UInt("available_slots"));
    }

    [Fact]
    public async Task An_unconfirmed_penalty_is_rebroadcast_after_six_missed_blocks()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        await fixture.Simulator.MineIgnoringMempoolAsync(1, channel.Dispute);
        var breachHeight = await fixture.Simulator.HeightAsync();
        await fixture.Tower.WaitForBlockAsync(breachHeight);
        await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");

        // InMempoolSince(breach - 1): the sixth block after that is the first to retry.
        await fixture.MineIgnoringMempoolAsync(4);
        Assert.Equal(0, fixture.Tower.CountLines($"{channel.Penalty.GetHash()} of [0-9a-f]+ unconfirmed since"));
        await fixture.MineIgnoringMempoolAsync(1);
        Assert.Equal(1, fixture.Tower.CountLines($"{channel.Penalty.GetHash()} of [0-9a-f]+ unconfirmed since {breachHeight - 1}"));

        await fixture.MineAsync(1);
        Assert.Equal(1, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
    }

    [Fact]
    public async Task A_reorg_removing_the_breach_block_makes_the_tower_resend_dispute_and_penalty()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        await fixture.MineAsync(1, channel.Dispute);
        await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
        await fixture.MineAsync(1);
        Assert.Equal(1, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));

        // Both blocks leave the chain and their transactions are forgotten by the node: only the tower has them.
        var height = await fixture.Simulator.HeightAsync();
        await fixture.Simulator.ReorgAsync(depth: 2, newBlocks: 3, returnToMempool: false);
        await fixture.Tower.WaitForBlockAsync(height + 1);

        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Dispute.GetHash()));
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        await fixture.MineAsync(1);
        Assert.Equal(1, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        Assert.Equal("dispute_responded", (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Str("status"));
    }

    [Fact]
    public async Task Breaches_mined_while_the_tower_was_killed_are_answered_after_restart()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channels = Enumerable.Range(0, 3).Select(_ => Channel.Revoked()).ToArray();
        foreach (var channel in channels)
            Assert.Equal(HttpStatusCode.OK, (await user.AddAppointmentAsync(channel.Dispute, channel.Penalty)).Status);

        await fixture.Tower.KillHardAsync();
        foreach (var channel in channels)
            await fixture.Simulator.MineAsync(2, channel.Dispute);
        await fixture.RestartAsync();
        await fixture.Tower.WaitForBlockAsync(await fixture.Simulator.HeightAsync());

        foreach (var channel in channels)
        {
            await user.WaitForStatusAsync(user.LocatorOf(channel.Dispute), "dispute_responded");
            Assert.NotNull(await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        }
    }
}
