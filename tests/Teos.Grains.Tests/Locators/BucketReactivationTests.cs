using Teos.Grains.Locators;
using Teos.Grains.Tests.Cluster;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.Locators;

/// <summary>
/// A locator bucket holds nothing of its own: deactivated (idle-collected, moved, its silo gone) and activated again it
/// rebuilds its watched locators and its 6-block locator cache from storage (DESIGN.md section 3, spec 4.3); until its
/// locators are loaded it matches blocks from storage.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BucketReactivationTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    /// <summary>Longer than a silo reuses its read of the recent blocks' shares (RecentBlockShares).</summary>
    private static readonly TimeSpan RecentBlockSharesAge = TimeSpan.FromSeconds(1.1);

    [Fact]
    public async Task A_bucket_deactivated_and_reactivated_still_matches_its_stored_appointments()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        await AddAsync(user, commitment);
        var bucket = tower.Bucket(commitment.Locator());
        var loads = tower.Reads.Of("LoadBucket");

        await tower.DeactivateAsync(bucket);
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);

        Assert.True(tower.Reads.Of("LoadBucket") > loads);
        Assert.Equal(TrackerStatus.InMempoolSince((uint)tower.Chain.Height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }

    [Fact]
    public async Task A_bucket_deactivated_and_reactivated_answers_a_late_appointment_from_its_6_block_cache()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        await tower.MineAsync(5);

        await tower.DeactivateAsync(tower.Bucket(commitment.Locator()));
        var outcome = await AddAsync(user, commitment);

        // Answered at once, counted from the tower's height (spec 4.3 cache path, 4.4).
        Assert.Equal(TrackerStatus.InMempoolSince((uint)tower.Chain.Height), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal((uint)tower.Chain.Height, outcome.StartBlock);

        // Started outside a block, the tracker is still the Responder's: the next block confirms it.
        await tower.MineAsync(1);
        Assert.Equal(TrackerStatus.ConfirmedIn((uint)tower.Chain.Height), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
    }

    [Fact]
    public async Task A_bucket_reactivated_within_a_second_of_a_block_answers_a_late_appointment_from_that_block()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        var bucket = tower.Bucket(commitment.Locator());
        // Each silo reads the recent blocks' shares for buckets activating there; let any earlier read age out, and
        // make both silos read them again, a moment before the block.
        await Task.Delay(RecentBlockSharesAge);
        var read = new HashSet<SiloAddress>();
        for (var b = 0; b < LocatorBucket.Count && read.Count < tower.Cluster.Silos.Count; b++)
        {
            var other = tower.Bucket(b);
            if (other.GetGrainId() == bucket.GetGrainId() || tower.Host(other) is not null)
                continue;
            await tower.ActivateAsync(other);
            read.Add(tower.Host(other)!);
        }

        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        await tower.DeactivateAsync(bucket);
        await AddAsync(user, commitment);

        Assert.Equal(TrackerStatus.InMempoolSince((uint)tower.Chain.Height), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
    }

    [Fact]
    public async Task A_reactivated_bucket_does_not_answer_a_late_appointment_whose_breach_is_7_blocks_deep()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        await tower.MineAsync(6);

        await tower.DeactivateAsync(tower.Bucket(commitment.Locator()));
        await AddAsync(user, commitment);

        var view = await tower.Appointment(user, commitment.Locator()).GetView();
        Assert.NotNull(view!.Watched);
        Assert.Null(await tower.Tracker(user, commitment.Locator()).GetView());
        Assert.Equal(0, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }

    [Fact]
    public async Task A_cold_bucket_answers_a_breach_from_storage_while_its_index_is_still_loading()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        await AddAsync(user, commitment);
        var bucket = tower.Bucket(commitment.Locator());
        await tower.DeactivateAsync(bucket);
        var load = tower.BucketLoads.Hold(LocatorBucket.Of(commitment.Locator()));

        try
        {
            await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);

            Assert.True(load.Reached.Task.IsCompleted, "the bucket's index was not loading");
            Assert.Equal(TrackerStatus.InMempoolSince((uint)tower.Chain.Height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
            Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        }
        finally
        {
            load.Release();
        }

        await bucket.Warm();
    }

    [Fact]
    public async Task A_locator_registered_while_its_bucket_loads_is_in_the_index_the_load_builds()
    {
        var user = await RegisteredAsync();
        var commitment = RevokedCommitment.New();
        var bucket = tower.Bucket(commitment.Locator());
        if (tower.Host(bucket) is not null)
            await tower.DeactivateAsync(bucket);
        var load = tower.BucketLoads.Hold(LocatorBucket.Of(commitment.Locator()));

        // The load has read the bucket's rows before this appointment's row exists; only its registration tells it.
        await tower.ActivateAsync(bucket);
        await load.Reached.Task.WaitAsync(TowerCluster.Patience);
        await AddAsync(user, commitment);
        load.Release();
        await bucket.Warm();
        var finds = tower.Reads.Of("FindWatched");

        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);

        Assert.True(tower.Reads.Of("FindWatched") > finds);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
    }

    private async Task<ClusterUser> RegisteredAsync()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user, silo: 1);
        return user;
    }

    private async Task<Grains.Appointments.AcceptedAppointment> AddAsync(ClusterUser user, RevokedCommitment commitment) =>
        (await tower.AppointmentRequests(0).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None)).Accepted!;
}
