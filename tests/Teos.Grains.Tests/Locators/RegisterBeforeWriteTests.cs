using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Teos.Grains.Locators;
using Teos.Grains.Tests.Cluster;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.Locators;

/// <summary>
/// An appointment's locator is registered with its bucket before its one durable write (DESIGN.md section 3), so a
/// silo that stops in between leaves at worst an index entry without a row, which costs a storage read when its
/// dispute shows up; and a row that was written is found by its bucket, also by a bucket activated again elsewhere.
/// The user grain is placed on the silo that stops; the bucket where each case needs it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RegisterBeforeWriteTests(TowerCluster tower) : IClassFixture<TowerCluster>
{
    [Fact]
    public async Task A_silo_stopped_between_the_registration_and_the_write_leaves_an_index_entry_that_costs_one_read_and_answers_nothing()
    {
        var (user, commitment, bucket) = await PlacedAsync(bucketOnStoppingSilo: false);
        var appointment = tower.Appointment(user, commitment.Locator());
        var held = tower.Holds.Hold(appointment.GetGrainId(), afterWrite: false);

        var adding = Task.Run(() => tower.AppointmentRequests(0).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None));
        await held.Reached.Task.WaitAsync(TowerCluster.Patience);
        await StopSecondSiloAsync(() => held.Release(new IOException("the silo stopped before the appointment was written")));
        await Assert.ThrowsAnyAsync<Exception>(() => adding);

        Assert.Empty(await tower.StoredRowsAsync(user));
        var reads = tower.Reads.Snapshot();
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);

        // The surviving bucket still lists the locator: one look in storage finds no row, and nothing is answered.
        Assert.NotNull(tower.Host(bucket));
        Assert.Equal(1, tower.Reads.Since(reads).GetValueOrDefault("FindWatched"));
        Assert.Null(await tower.Tracker(user, commitment.Locator()).GetView());
        Assert.Equal(0, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(tower.Subscriptions.SubscriptionSlots, (await tower.User(user).GetSubscription())!.AvailableSlots);
    }

    [Fact]
    public async Task A_silo_stopped_after_the_write_leaves_a_stored_appointment_that_its_reactivated_bucket_finds()
    {
        var (user, commitment, _) = await PlacedAsync(bucketOnStoppingSilo: true);
        var appointment = tower.Appointment(user, commitment.Locator());
        var held = tower.Holds.Hold(appointment.GetGrainId(), afterWrite: true);

        var adding = Task.Run(() => tower.AppointmentRequests(0).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None));
        await held.Reached.Task.WaitAsync(TowerCluster.Patience);
        await StopSecondSiloAsync(() => held.Release());
        await Record.ExceptionAsync(() => adding); // The answer may or may not have left the stopping silo.

        Assert.Single(await tower.StoredRowsAsync(user));
        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);

        Assert.Equal(TrackerStatus.InMempoolSince((uint)tower.Chain.Height - 1), (await tower.Tracker(user, commitment.Locator()).GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));
        Assert.Equal(tower.Subscriptions.SubscriptionSlots - 1, (await tower.User(user).GetSubscription())!.AvailableSlots);
    }

    [Fact]
    public async Task A_breach_mined_while_its_appointment_is_being_written_is_answered_once_the_row_is_stored()
    {
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        var commitment = RevokedCommitment.New();
        var tracker = tower.Tracker(user, commitment.Locator());
        var appointment = tower.Appointment(user, commitment.Locator());
        var held = tower.Holds.Hold(appointment.GetGrainId(), afterWrite: false);
        var adding = Task.Run(() => tower.AppointmentRequests(0).AddAppointmentAsync(user.Submission(commitment), CancellationToken.None));
        await held.Reached.Task.WaitAsync(TowerCluster.Patience);

        await tower.MineAsync(1, [commitment.Dispute], includeMempool: false);
        var breachHeight = (uint)tower.Chain.Height;
        Assert.Null(await tracker.GetView());
        held.Release();
        Assert.NotNull((await adding).Accepted);

        // The bucket kept the hit and looks again each second until the row is there (DESIGN-19 section 3); the
        // appointment answers it, marks its row triggered and tells the feed, in one turn.
        await Wait.UntilAsync(async () => (await appointment.GetView())?.Responded is not null, "the deferred breach answered");
        Assert.Equal(TrackerStatus.InMempoolSince(breachHeight), (await tracker.GetView())!.Status);
        Assert.Equal(1, tower.Broadcasts.Of(commitment.PenaltyTxid));

        // Started outside a block, the tracker is still the Responder's: the next block confirms it.
        await tower.MineAsync(1);
        Assert.Equal(TrackerStatus.ConfirmedIn(breachHeight + 1), (await tracker.GetView())!.Status);
    }

    /// <summary>A registered user whose grain is active on the second silo, and the bucket of a fresh commitment's locator.</summary>
    private async Task<(ClusterUser User, RevokedCommitment Commitment, ILocatorBucketGrain Bucket)> PlacedAsync(bool bucketOnStoppingSilo)
    {
        if (tower.Cluster.Silos.Count < 2)
        {
            await tower.Cluster.StartAdditionalSiloAsync();
            await tower.WaitForTipAsync();
        }

        var (first, second) = (tower.Cluster.Silos[0].SiloAddress, tower.Cluster.Silos[1].SiloAddress);
        var user = new ClusterUser();
        await tower.RegisterAsync(user);
        await MoveAsync(tower.User(user), second);

        // The bucket may already be active (the feed warms all 1,024 after a start): it is moved where the case needs it.
        var commitment = RevokedCommitment.New();
        var bucket = tower.Bucket(commitment.Locator());
        await tower.ActivateAsync(bucket);
        await MoveAsync(bucket, bucketOnStoppingSilo ? second : first);
        return (user, commitment, bucket);
    }

    private async Task MoveAsync(IAddressable grain, SiloAddress silo)
    {
        if (tower.Host(grain) != silo)
            await tower.Cluster.MigrateAsync(grain, silo);
        await Wait.UntilAsync(() => Task.FromResult(tower.Host(grain) == silo), $"{grain.GetGrainId()} active on {silo}");
    }

    /// <summary>Stops the second silo gracefully; <paramref name="whileStopping"/> runs once it has begun to stop.</summary>
    private async Task StopSecondSiloAsync(Action whileStopping)
    {
        var silo = tower.Cluster.Silos[1];
        var stopping = tower.Cluster.StopSiloAsync(silo);
        var lifetime = silo.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        await Wait.UntilAsync(() => Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested), "the silo stopping");
        whileStopping();
        await stopping;
    }
}
