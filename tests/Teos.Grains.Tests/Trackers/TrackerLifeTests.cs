using Teos.Grains.Tests.Cluster;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.Trackers;

/// <summary>
/// One tracker's whole life on a two-silo cluster, driven by blocks the simulator mines and the block feed follows
/// (spec 4.4, 4.6): the breach, a rebroadcast after 6 blocks without confirmation, the confirmation, a reorg that
/// takes the confirming block away, the re-send, and completion 100 blocks after the confirmation with the slot refunded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TrackerLifeTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task A_tracker_is_rebroadcast_after_6_misses_resent_after_a_reorg_and_completes_with_a_refund_100_blocks_after_confirming()
    {
        var user = new ClusterUser();
        var slots = (await tower.RegisterAsync(user)).AvailableSlots;
        var commitment = RevokedCommitment.New();
        var added = await tower.AppointmentRequests(1).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None);
        Assert.Equal(slots - 1, added.Accepted!.AvailableSlots);
        var tracker = tower.Tracker(user, commitment.Locator());

        // The breach: the penalty goes out, counted from the block below (spec 4.4), and miners ignore it.
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        var breachHeight = (uint)tower.Chain.Height;
        Assert.Equal(TrackerStatus.InMempoolSince(breachHeight - 1), (await tracker.GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));

        await tower.MineAsync(4, includeMempool: false);
        Assert.Equal(TrackerStatus.InMempoolSince(breachHeight - 1), (await tracker.GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));

        // The sixth block since the carrier's height without a confirmation: broadcast again.
        await tower.MineAsync(1, includeMempool: false);
        Assert.Equal(TrackerStatus.InMempoolSince(breachHeight + 5), (await tracker.GetView())!.Status);
        Assert.Equal(2, tower.Broadcasts.Of(commitment.PenaltyTxid));

        await tower.MineAsync(1);
        var confirmedAt = (uint)tower.Chain.Height;
        Assert.Equal(TrackerStatus.ConfirmedIn(confirmedAt), (await tracker.GetView())!.Status);

        // The confirming block leaves the chain; its replacement lacks the penalty: dispute, then penalty, re-sent (spec 4.6).
        tower.Chain.Reorg(depth: 1, newBlocks: 1, includeMempool: false);
        await tower.WaitForTipAsync();
        Assert.Equal(TrackerStatus.InMempoolSince(confirmedAt), (await tracker.GetView())!.Status);
        Assert.Equal(3, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(1, tower.Broadcasts.Of(commitment.Dispute.GetHash()));

        await tower.MineAsync(1);
        var reconfirmedAt = (uint)tower.Chain.Height;
        Assert.Equal(TrackerStatus.ConfirmedIn(reconfirmedAt), (await tracker.GetView())!.Status);

        await tower.MineAsync(99);
        Assert.Equal(TrackerStatus.ConfirmedIn(reconfirmedAt), (await tracker.GetView())!.Status);
        Assert.Equal(slots - 1, (await tower.User(user).GetSubscription())!.AvailableSlots);

        // 100 blocks on top of the confirming one: irrevocably resolved, the tracker and its row go, the slot comes back.
        await tower.MineAsync(1);
        Assert.Null(await tracker.GetView());
        Assert.Equal(slots, (await tower.User(user).GetSubscription())!.AvailableSlots);
        Assert.Empty(await tower.StoredRowsAsync(user));
        Assert.Equal(3, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }
}
