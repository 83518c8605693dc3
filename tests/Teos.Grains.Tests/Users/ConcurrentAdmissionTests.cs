using Teos.Grains.Appointments;
using Teos.Grains.Tests.Cluster;
using Teos.Grains.Users;
using Xunit;

namespace Teos.Grains.Tests.Users;

/// <summary>
/// The user grain serializes its owner's admissions, so slots are charged exactly even when one user's
/// add_appointment requests arrive at both silos at once (spec 4.2; DESIGN.md section 3).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrentAdmissionTests(ConcurrentAdmissionTests.HundredSlotTower tower) : IClassFixture<ConcurrentAdmissionTests.HundredSlotTower>
{
    [Fact]
    public async Task Concurrent_add_appointments_of_one_user_through_both_silos_accept_exactly_the_slots_it_has()
    {
        var user = await RegisteredAsync(times: 3);
        var submissions = Enumerable.Range(0, 400).Select(_ => user.Unbreached(blobLength: 100)).ToList();

        var results = await Task.WhenAll(submissions.Select((submission, i) =>
            Task.Run(() => tower.AppointmentRequests(i % 2).AddAppointmentAsync(submission, CancellationToken.None))));

        var accepted = results.Where(r => r.Accepted is not null).ToList();
        Assert.Equal(300, accepted.Count);
        Assert.All(results.Where(r => r.Accepted is null), r => Assert.Equal(AppointmentFailure.NotEnoughSlots, r.Failure));
        // Each acceptance took one slot from what the one before left: the answers count down 299..0 without repeats.
        Assert.Equal(Enumerable.Range(0, 300).Select(n => (uint)n), accepted.Select(r => r.Accepted!.AvailableSlots).Order());
        Assert.Equal(0u, (await tower.User(user).GetSubscription())!.AvailableSlots);
        Assert.Equal(300, (await tower.StoredRowsAsync(user)).Count);
    }

    [Fact]
    public async Task Used_slots_derived_again_from_the_stored_rows_after_reactivation_match_what_was_charged()
    {
        var user = await RegisteredAsync(times: 1);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => tower.AppointmentRequests(i % 2).AddAppointmentAsync(user.Unbreached(blobLength: 100), CancellationToken.None))));
        var charged = (await tower.User(user).GetSubscription())!.AvailableSlots;

        await tower.DeactivateAsync(tower.User(user));

        Assert.Equal(60u, charged);
        Assert.Equal(charged, (await tower.User(user).GetSubscription())!.AvailableSlots);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_appointment_through_both_silos_charge_its_slot_once()
    {
        var user = await RegisteredAsync(times: 1);
        var locator = user.Unbreached().Locator;
        var updates = Enumerable.Range(0, 50).Select(i => user.Submission(locator, new byte[100 + i])).ToList();

        var results = await Task.WhenAll(updates.Select((update, i) =>
            Task.Run(() => tower.AppointmentRequests(i % 2).AddAppointmentAsync(update, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(99u, r.Accepted?.AvailableSlots));
        Assert.Single(await tower.StoredRowsAsync(user));
    }

    private async Task<ClusterUser> RegisteredAsync(int times)
    {
        var user = new ClusterUser();
        for (var i = 0; i < times; i++)
            await tower.RegisterAsync(user, silo: i % 2);
        return user;
    }

    /// <summary>A registration grants 100 slots.</summary>
    public sealed class HundredSlotTower() : TowerCluster(new SubscriptionOptions { SubscriptionSlots = 100 });
}
