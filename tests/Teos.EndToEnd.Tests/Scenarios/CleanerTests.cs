using System.Net;
using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>What the tower keeps, drops and refunds (spec 4.5), observed through the public API.</summary>
public class CleanerTests
{
    [Fact]
    public async Task Users_sharing_a_locator_are_answered_independently()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var honest = await fixture.RegisteredUserAsync();
        var careless = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await honest.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        await careless.AddAppointmentAsync(honest.LocatorOf(channel.Dispute), new byte[100]);

        await fixture.MineAsync(1, channel.Dispute);

        await honest.WaitForStatusAsync(honest.LocatorOf(channel.Dispute), "dispute_responded");
        Assert.Equal(HttpStatusCode.NotFound, (await careless.GetAppointmentAsync(careless.LocatorOf(channel.Dispute))).Status);
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
    }

    [Fact]
    public async Task A_python_and_a_rust_user_watching_the_same_dispute_are_both_answered()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var rust = await fixture.RegisteredUserAsync(ClientProfile.Rust);
        var python = await fixture.RegisteredUserAsync(ClientProfile.Python);
        var channel = Channel.Revoked();
        var otherPenalty = SimTransactions.Spending(new OutPoint(channel.Dispute.GetHash(), 1));
        await rust.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        await python.AddAppointmentAsync(channel.Dispute, otherPenalty);

        await fixture.MineAsync(1, channel.Dispute);

        await rust.WaitForStatusAsync(rust.LocatorOf(channel.Dispute), "dispute_responded");
        await python.WaitForStatusAsync(python.LocatorOf(channel.Dispute), "dispute_responded");
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        Assert.Equal(0, await fixture.Simulator.ConfirmationsAsync(otherPenalty.GetHash()));
    }

    [Fact]
    public async Task A_penalty_bitcoind_rejects_drops_the_appointment_without_refund()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        var thief = SimTransactions.Spending(new OutPoint(channel.Dispute.GetHash(), 0), outputs: 2);

        // The cheater sweeps the output the penalty spends in the same block: bitcoind answers -25.
        await fixture.MineAsync(1, channel.Dispute, thief);

        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Status);
        Assert.Null(await fixture.Simulator.ConfirmationsAsync(channel.Penalty.GetHash()));
        Assert.Equal(9_999u, (await user.GetSubscriptionInfoAsync()).UInt("available_slots"));
    }

    [Fact]
    public async Task Teosd_stops_cleanly_on_sigterm_and_keeps_its_data()
    {
        await using var fixture = await TowerFixture.StartAsync();
        var user = await fixture.RegisteredUserAsync();
        var channel = Channel.Revoked();
        await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);

        Assert.Equal(0, await fixture.Tower.TerminateAsync());
        await fixture.RestartAsync();

        Assert.Equal("being_watched", (await user.GetAppointmentAsync(user.LocatorOf(channel.Dispute))).Str("status"));
    }
}
