using Microsoft.Extensions.DependencyInjection;
using NBitcoin;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Grains.Tests.Cluster;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

/// <summary>
/// Exactly once by idempotence (DESIGN.md section 3): a block run through the Gatekeeper, Watcher and Responder twice,
/// one after the other (a feed that crashed before its tip write) or at the same time (two feed activations during a
/// failover), sends each penalty once, moves each tracker once and charges or refunds each slot once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BlockReplayTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    /// <summary>A bucket's log event: a hit without a stored row, looked up again each second for a minute.</summary>
    private const string DeferredBreach = "LocatorBucketGrain[1601]";

    [Fact]
    public async Task A_breach_block_run_again_after_the_feed_sends_no_second_penalty_and_leaves_the_tracker_as_it_was()
    {
        var (user, commitment) = await WatchedAsync();
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        var (block, height) = Tip();
        var tracker = tower.Tracker(user, commitment.Locator());
        var status = (await tracker.GetView())!.Status;
        var deferred = tower.Log.Count(DeferredBreach);

        await (await tower.DriverAsync(silo: 1)).ConnectAsync(block, height, CancellationToken.None);

        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(TrackerStatus.InMempoolSince(height - 1), status);
        Assert.Equal(status, (await tracker.GetView())!.Status);
        // The bucket knows the appointment's row was written: it does not wait for it to appear.
        Assert.Equal(deferred, tower.Log.Count(DeferredBreach));
    }

    [Fact]
    public async Task A_breach_block_run_by_two_drivers_and_the_feed_at_once_sends_its_penalty_once()
    {
        var (user, commitment) = await WatchedAsync();
        var first = await tower.DriverAsync(silo: 0);
        var second = await tower.DriverAsync(silo: 1);

        tower.Chain.Mine(1, [commitment.Dispute], includeMempool: false);
        var (block, height) = Tip();
        await Task.WhenAll(
            first.ConnectAsync(block, height, CancellationToken.None),
            second.ConnectAsync(block, height, CancellationToken.None));
        await tower.WaitForTipAsync();

        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(TrackerStatus.InMempoolSince(height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
    }

    [Fact]
    public async Task A_tracker_started_by_another_driver_in_a_block_the_feed_never_ran_is_counted_by_the_feed()
    {
        var (user, commitment) = await WatchedAsync();
        // A competing block at the next height, run by another activation only (it then left the chain).
        var competing = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        competing.Header.HashPrevBlock = tower.Chain.Tip.Hash;
        competing.Transactions.Add(commitment.Dispute);
        var height = (uint)tower.Chain.Height + 1;

        await (await tower.DriverAsync(silo: 1)).ConnectAsync(competing, height, CancellationToken.None);
        Assert.Equal(TrackerStatus.InMempoolSince(height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        await tower.MineAsync(1);

        Assert.Equal(TrackerStatus.ConfirmedIn(height), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }

    [Fact]
    public async Task An_invalid_appointments_breach_run_twice_burns_its_slot_once()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        var commitment = RevokedCommitment.New();
        var undecryptable = user.Submission(commitment.Locator(), new byte[100]);
        Assert.Equal(9_999u, (await tower.AppointmentRequests(0).AddAppointmentAsync(undecryptable, CancellationToken.None)).Accepted!.AvailableSlots);
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        var (block, height) = Tip();
        await Wait.UntilAsync(async () => (await tower.StoredRowsAsync(user)).Count == 0, "the invalid appointment dropped");

        await (await tower.DriverAsync(silo: 0)).ConnectAsync(block, height, CancellationToken.None);

        // Dropped without refund (spec 4.5): the slot stays spent, once.
        Assert.Equal(9_999u, (await tower.User(user).GetSubscription())!.AvailableSlots);
        await tower.DeactivateAsync(tower.User(user));
        Assert.Equal(9_999u, (await tower.User(user).GetSubscription())!.AvailableSlots);
        Assert.Equal(0, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }

    [Fact]
    public async Task A_completion_block_run_twice_at_once_refunds_the_slot_once()
    {
        var (user, commitment) = await WatchedAsync();
        await tower.MineAsync(1, [commitment.Dispute, commitment.Penalty], includeMempool: false);
        var confirmedAt = (uint)tower.Chain.Height;
        Assert.Equal(TrackerStatus.ConfirmedIn(confirmedAt), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        var drivers = new[] { await tower.DriverAsync(silo: 0), await tower.DriverAsync(silo: 1) };
        await tower.MineAsync(99);
        Assert.Equal(9_999u, (await tower.User(user).GetSubscription())!.AvailableSlots);

        tower.Chain.Mine(1);
        var (block, height) = Tip();
        await Task.WhenAll(drivers.Select(d => d.ConnectAsync(block, height, CancellationToken.None)));
        await tower.WaitForTipAsync();
        await drivers[0].ConnectAsync(block, height, CancellationToken.None);

        Assert.Null(await tower.Tracker(user, commitment.Locator()).GetView());
        Assert.Equal(10_000u, (await tower.User(user).GetSubscription())!.AvailableSlots);
        await tower.DeactivateAsync(tower.User(user));
        Assert.Equal(10_000u, (await tower.User(user).GetSubscription())!.AvailableSlots);
    }

    [Fact]
    public async Task A_feed_activation_fenced_by_another_stops_and_its_successor_runs_the_block_again_without_a_second_penalty()
    {
        var (user, commitment) = await WatchedAsync();
        // Another activation writes the tip: the running one's version is now stale.
        var feed = tower.Grains.GetGrain<IBlockFeedGrain>(0).GetGrainId();
        var storage = tower.Silo(0).GetRequiredKeyedService<IGrainStorage>(StorageProviders.State);
        var stored = new GrainState<FeedState>();
        await storage.ReadStateAsync("feed", feed, stored);
        await storage.WriteStateAsync("feed", feed, stored);
        var fenced = tower.Log.Count("Block feed fenced");

        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        var (block, height) = Tip();

        Assert.Equal(fenced + 1, tower.Log.Count("Block feed fenced"));
        await storage.ReadStateAsync("feed", feed, stored);
        Assert.Equal(block.GetHash(), stored.State!.TipHash);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(TrackerStatus.InMempoolSince(height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
    }

    private async Task<(ClusterUser User, RevokedCommitment Commitment)> WatchedAsync()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        var commitment = RevokedCommitment.New();
        var added = await tower.AppointmentRequests(0).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None);
        Assert.Equal(9_999u, added.Accepted!.AvailableSlots);
        return (user, commitment);
    }

    private (Block Block, uint Height) Tip() => (tower.Chain.Tip.Block, (uint)tower.Chain.Height);
}
