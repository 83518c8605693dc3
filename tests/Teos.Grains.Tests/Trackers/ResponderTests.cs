using NBitcoin;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.Trackers;

/// <summary>The Responder's rules for one tracker (spec 4.4, 4.6), each by name.</summary>
public class ResponderTests
{
    [Fact]
    public void A_penalty_mined_in_the_block_becomes_confirmed_there() =>
        Assert.Equal(TrackerAction.Confirm, Responder.OnBlockConnected(Tracker(TrackerStatus.InMempoolSince(500)), 503, blockHoldsPenalty: true));

    [Fact]
    public void A_reorged_tracker_whose_penalty_is_mined_again_is_confirmed_not_resent() =>
        Assert.Equal(TrackerAction.Confirm, Responder.OnBlockConnected(Tracker(TrackerStatus.ConfirmedIn(500), reorged: true), 501, true));

    [Theory]
    [InlineData(599u, TrackerAction.Wait)]
    [InlineData(600u, TrackerAction.Complete)]
    [InlineData(601u, TrackerAction.Complete)]
    public void Completion_and_refund_at_100_blocks_after_confirmation(uint height, TrackerAction action) =>
        Assert.Equal(action, Responder.OnBlockConnected(Tracker(TrackerStatus.ConfirmedIn(500)), height, false));

    [Theory]
    [InlineData(505u, TrackerAction.Wait)]
    [InlineData(506u, TrackerAction.Rebroadcast)]
    [InlineData(520u, TrackerAction.Rebroadcast)]
    public void Rebroadcast_after_6_missed_confirmations(uint height, TrackerAction action) =>
        Assert.Equal(action, Responder.OnBlockConnected(Tracker(TrackerStatus.InMempoolSince(500)), height, false));

    [Fact]
    public void A_reorged_tracker_is_re_sent_instead_of_completed_or_rebroadcast() =>
        Assert.Equal(TrackerAction.ResendAfterReorg, Responder.OnBlockConnected(Tracker(TrackerStatus.ConfirmedIn(500), reorged: true), 600, false));

    [Fact]
    public void Disconnecting_a_block_reorgs_only_a_penalty_confirmed_in_it()
    {
        Assert.True(Responder.IsReorgedBy(Tracker(TrackerStatus.ConfirmedIn(500)), 500));
        Assert.False(Responder.IsReorgedBy(Tracker(TrackerStatus.ConfirmedIn(499)), 500));
        Assert.False(Responder.IsReorgedBy(Tracker(TrackerStatus.InMempoolSince(500)), 500));
    }

    [Fact]
    public void Already_in_chain_counts_as_confirmed_and_a_rejection_drops_the_tracker()
    {
        Assert.Equal(TrackerStatus.InMempoolSince(7), Responder.StatusAfterBroadcast(CarrierOutcome.Accepted, 7));
        Assert.Equal(TrackerStatus.ConfirmedIn(7), Responder.StatusAfterBroadcast(CarrierOutcome.AlreadyInChain, 7));
        Assert.Null(Responder.StatusAfterBroadcast(new CarrierOutcome.Rejected(-26), 7));
    }

    [Fact]
    public void After_a_reorg_a_rejected_dispute_drops_the_tracker_and_any_other_outcome_re_sends_the_penalty()
    {
        Assert.False(Responder.ResendPenaltyAfter(new CarrierOutcome.Rejected(-25)));
        Assert.True(Responder.ResendPenaltyAfter(CarrierOutcome.Accepted));
        Assert.True(Responder.ResendPenaltyAfter(CarrierOutcome.AlreadyInChain));
        Assert.Equal(TrackerStatus.InMempoolSince(9), Responder.StatusAfterResend(CarrierOutcome.AlreadyInChain, 9));
        Assert.Null(Responder.StatusAfterResend(new CarrierOutcome.Rejected(-26), 9));
    }

    [Theory]
    [InlineData(-26, -26)]
    [InlineData(-25, -25)]
    [InlineData(-22, -22)]
    [InlineData(-1, -257)]
    [InlineData(-8, -257)]
    public void Rpc_errors_map_to_rejections_as_rust_teos_does(int code, int rejected) =>
        Assert.Equal(new CarrierOutcome.Rejected(rejected), CarrierOutcome.FromRpcError(code));

    private static TrackerState Tracker(TrackerStatus status, bool reorged = false) => new() { Status = status, Reorged = reorged };
}
