using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task A_saved_registration_is_read_back_by_readers_and_writers()
    {
        var user = await Register(TestUsers.Subscription(slots: 10_000, start: 100, expiry: 4420, profile: ClientProfile.Python));

        Assert.Equal(user, await Store.GetSubscriptionAsync(user.UserId, None));
        Assert.Equal(user, await Write(transaction => transaction.GetSubscriptionForUpdateAsync(user.UserId)));
    }

    [Fact]
    public async Task An_unknown_user_has_no_subscription()
    {
        Assert.Null(await Store.GetSubscriptionAsync(TestUsers.NewUserId(), None));
    }

    [Fact]
    public async Task Saving_a_registration_again_replaces_it()
    {
        var user = await Register(TestUsers.Subscription(slots: 5));
        var renewed = user with { AvailableSlots = uint.MaxValue, Expiry = uint.MaxValue, Profile = ClientProfile.Python };

        await Register(renewed);

        Assert.Equal(renewed, await Store.GetSubscriptionAsync(user.UserId, None));
    }

    [Fact]
    public async Task Writes_after_a_locking_read_reach_their_own_user_whichever_user_was_read()
    {
        // A store may write through the key of the row it locked (KeyedSubscription); only that user's writes may.
        var locked = await Register(TestUsers.Subscription(slots: 10));
        var other = await Register(TestUsers.Subscription(slots: 20));
        var lockedAppointment = TestAppointments.For(locked);
        var otherAppointment = TestAppointments.For(other);

        await Write(async transaction =>
        {
            await transaction.GetSubscriptionForUpdateAsync(locked.UserId);
            await transaction.SaveSubscriptionAsync(other with { AvailableSlots = 19 });
            await transaction.SaveAppointmentAsync(otherAppointment);
            await transaction.SaveSubscriptionAsync(locked with { AvailableSlots = 9 });
            await transaction.SaveAppointmentAsync(lockedAppointment);
        });

        Assert.Equal(9u, (await Store.GetSubscriptionAsync(locked.UserId, None))!.AvailableSlots);
        Assert.Equal(19u, (await Store.GetSubscriptionAsync(other.UserId, None))!.AvailableSlots);
        Assert.Equal(locked.UserId, (await Store.GetAppointmentAsync(lockedAppointment.Uuid, None))!.Appointment.UserId);
        Assert.Equal(other.UserId, (await Store.GetAppointmentAsync(otherAppointment.Uuid, None))!.Appointment.UserId);
        Assert.Equal([lockedAppointment.Locator], await Store.GetLocatorsAsync(locked.UserId, None));
    }

    [Fact]
    public async Task Outdated_users_are_deleted_from_expiry_plus_delta_with_everything_they_own()
    {
        var outdated = await Register(TestUsers.Subscription(expiry: 100));
        var onTheEdge = await Register(TestUsers.Subscription(expiry: 94));
        var alive = await Register(TestUsers.Subscription(expiry: 101));
        var appointment = await Add(TestAppointments.For(outdated));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(appointment, TrackerStatus.InMempoolSince(99))));
        var kept = await Add(TestAppointments.For(alive));

        var deleted = await Write(transaction => transaction.DeleteOutdatedUsersAsync(106, 6));

        Assert.Equal(
            new[] { onTheEdge.UserId, outdated.UserId }.OrderBy(id => id.ToHex()),
            deleted.OrderBy(id => id.ToHex()));
        Assert.Null(await Store.GetSubscriptionAsync(outdated.UserId, None));
        Assert.Null(await Store.GetAppointmentAsync(appointment.Uuid, None));
        Assert.NotNull(await Store.GetAppointmentAsync(kept.Uuid, None));
        Assert.Equal(new TowerCounts(1, 1, 0), await Store.GetCountsAsync(None));
    }

    [Fact]
    public async Task Outdated_user_deletion_compares_in_64_bits_so_a_saturated_expiry_never_wraps()
    {
        var forever = await Register(TestUsers.Subscription(expiry: uint.MaxValue));

        var deleted = await Write(transaction => transaction.DeleteOutdatedUsersAsync(uint.MaxValue, 6));

        Assert.Empty(deleted);
        Assert.NotNull(await Store.GetSubscriptionAsync(forever.UserId, None));
    }
}
