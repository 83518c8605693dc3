using NBitcoin;
using Teos.Grains.Trackers;
using Xunit;
using static Teos.Grains.Tests.Builders.Trackers;

namespace Teos.Grains.Tests.Trackers;

public class ResponderRulesTests
{
    private static readonly IReadOnlySet<uint256> EmptyBlock = new HashSet<uint256>();

    [Fact]
    public void A_penalty_mined_in_the_block_becomes_confirmed_there()
    {
        var tracker = Summary(TrackerStatus.InMempoolSince(500));

        var pass = ResponderRules.OnBlockConnected(503, new HashSet<uint256> { tracker.PenaltyTxid }, [tracker]);

        Assert.Equal(TrackerStatus.ConfirmedIn(503), Assert.Single(pass.ConfirmedNow).Status);
        Assert.Empty(pass.MissedConfirmation);
    }

    [Fact]
    public void A_reorged_tracker_whose_penalty_is_mined_again_is_no_longer_reorged()
    {
        var tracker = Summary(TrackerStatus.ConfirmedIn(500), reorged: true);

        var pass = ResponderRules.OnBlockConnected(501, new HashSet<uint256> { tracker.PenaltyTxid }, [tracker]);

        Assert.False(Assert.Single(pass.ConfirmedNow).Reorged);
        Assert.Empty(pass.Reorged);
    }

    [Theory]
    [InlineData(599u, false)]
    [InlineData(600u, true)]
    [InlineData(601u, false)]
    public void Completion_happens_exactly_100_blocks_after_confirmation(uint height, bool completed)
    {
        var pass = ResponderRules.OnBlockConnected(height, EmptyBlock, [Summary(TrackerStatus.ConfirmedIn(500))]);

        Assert.Equal(completed, pass.Completed.Count == 1);
    }

    [Theory]
    [InlineData(505u, false)]
    [InlineData(506u, true)]
    [InlineData(520u, true)]
    public void An_unconfirmed_penalty_is_stale_six_blocks_after_its_status_height(uint height, bool stale)
    {
        var pass = ResponderRules.OnBlockConnected(height, EmptyBlock, [Summary(TrackerStatus.InMempoolSince(500))]);

        Assert.Single(pass.MissedConfirmation);
        Assert.Equal(stale, pass.Stale.Count == 1);
    }

    [Fact]
    public void Reorged_trackers_are_neither_completed_nor_stale()
    {
        var tracker = Summary(TrackerStatus.ConfirmedIn(500), reorged: true);

        var pass = ResponderRules.OnBlockConnected(600, EmptyBlock, [tracker]);

        Assert.Equal(tracker, Assert.Single(pass.Reorged));
        Assert.Empty(pass.Completed);
        Assert.Empty(pass.Stale);
    }

    [Fact]
    public void Disconnecting_a_block_marks_only_the_trackers_confirmed_in_it()
    {
        var confirmedThere = Summary(TrackerStatus.ConfirmedIn(500));
        var confirmedEarlier = Summary(TrackerStatus.ConfirmedIn(499));
        var inMempool = Summary(TrackerStatus.InMempoolSince(500));

        var reorged = ResponderRules.OnBlockDisconnected(500, [confirmedThere, confirmedEarlier, inMempool]);

        Assert.Equal(confirmedThere with { Reorged = true }, Assert.Single(reorged));
    }

    [Fact]
    public void Already_in_chain_counts_as_confirmed_and_a_rejection_drops_the_tracker()
    {
        Assert.Equal(TrackerStatus.InMempoolSince(7), ResponderRules.StatusAfterBroadcast(CarrierOutcome.Accepted, 7));
        Assert.Equal(TrackerStatus.ConfirmedIn(7), ResponderRules.StatusAfterBroadcast(CarrierOutcome.AlreadyInChain, 7));
        Assert.Null(ResponderRules.StatusAfterBroadcast(new CarrierOutcome.Rejected(-26), 7));
    }

    [Theory]
    [InlineData(-26, -26)]
    [InlineData(-25, -25)]
    [InlineData(-22, -22)]
    [InlineData(-1, -257)]
    [InlineData(-8, -257)]
    public void Rpc_errors_map_to_rejections_as_rust_teos_does(int code, int rejected) =>
        Assert.Equal(new CarrierOutcome.Rejected(rejected), CarrierOutcome.FromRpcError(code));
}
