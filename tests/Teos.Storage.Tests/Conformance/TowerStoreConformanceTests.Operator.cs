using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The operator queries behind the admin API (spec 5.1): key-ordered pages, per-user and per-locator views.</summary>
public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task User_ids_come_in_byte_order_one_page_after_the_other()
    {
        var users = new[] { TestUsers.Subscription(), TestUsers.Subscription(), TestUsers.Subscription() };
        foreach (var user in users)
            await Register(user);
        var ordered = users.Select(user => user.UserId.ToHex()).Order(StringComparer.Ordinal).ToArray();

        var first = await Store.GetUserIdsAsync(null, 2, None);
        var second = await Store.GetUserIdsAsync(first[^1], 2, None);

        Assert.Equal(ordered[..2], first.Select(id => id.ToHex()));
        Assert.Equal(ordered[2..], second.Select(id => id.ToHex()));
        Assert.Empty(await Store.GetUserIdsAsync(second[^1], 2, None));
    }

    [Fact]
    public async Task Appointments_come_in_uuid_order_with_their_trackers_one_page_after_the_other()
    {
        var user = await Register(TestUsers.Subscription());
        var appointments = new[] { await Add(TestAppointments.For(user)), await Add(TestAppointments.For(user)), await Add(TestAppointments.For(user)) };
        var tracker = TestTransactions.TrackerFor(appointments[1], TrackerStatus.InMempoolSince(201));
        await Write(transaction => transaction.InsertTrackerAsync(tracker));
        var ordered = appointments.Select(a => a.Uuid.ToHex()).Order(StringComparer.Ordinal).ToArray();

        var first = await Store.GetAppointmentsAsync(null, 2, None);
        var second = await Store.GetAppointmentsAsync(first[^1].Appointment.Uuid, 2, None);

        Assert.Equal(ordered[..2], first.Select(record => record.Appointment.Uuid.ToHex()));
        Assert.Equal(ordered[2..], second.Select(record => record.Appointment.Uuid.ToHex()));
        var tracked = first.Concat(second).Single(record => record.Tracker is not null);
        Assert.Equal(tracker.Uuid, tracked.Appointment.Uuid);
        AssertSame(tracker, tracked.Tracker!);
        Assert.Equal(appointments[1].EncryptedBlob, tracked.Appointment.EncryptedBlob);
    }

    [Fact]
    public async Task A_users_appointment_uuids_include_triggered_ones_and_no_one_elses()
    {
        var owner = await Register(TestUsers.Subscription());
        var other = await Register(TestUsers.Subscription());
        var watched = await Add(TestAppointments.For(owner));
        var triggered = await Add(TestAppointments.For(owner));
        await Add(TestAppointments.For(other));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(201))));

        var uuids = await Store.GetAppointmentUuidsAsync(owner.UserId, None);

        Assert.Equal(new[] { watched.Uuid, triggered.Uuid }.Select(u => u.ToHex()).Order(), uuids.Select(u => u.ToHex()).Order());
        Assert.Empty(await Store.GetAppointmentUuidsAsync(TestUsers.NewUserId(), None));
    }

    [Fact]
    public async Task A_locator_finds_every_users_appointment_for_it_with_trackers_under_both_profiles()
    {
        var locator = TestAppointments.RandomLocator();
        var first = await Register(TestUsers.Subscription(profile: ClientProfile.Rust));
        var second = await Register(TestUsers.Subscription(profile: ClientProfile.Python));
        var watched = await Add(TestAppointments.For(first, locator));
        var triggered = await Add(TestAppointments.For(second, locator));
        await Add(TestAppointments.For(first));
        var tracker = TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(201));
        await Write(transaction => transaction.InsertTrackerAsync(tracker));

        var records = await Store.GetAppointmentsByLocatorAsync(locator, None);

        Assert.Equal(2, records.Count);
        Assert.Null(records.Single(record => record.Appointment.Uuid == watched.Uuid).Tracker);
        AssertSame(tracker, records.Single(record => record.Appointment.Uuid == triggered.Uuid).Tracker!);
        Assert.Empty(await Store.GetAppointmentsByLocatorAsync(TestAppointments.RandomLocator(), None));
    }

    [Fact]
    public async Task Empty_stores_list_nothing()
    {
        Assert.Empty(await Store.GetUserIdsAsync(null, 10, None));
        Assert.Empty(await Store.GetAppointmentsAsync(null, 10, None));
        Assert.Empty(await Store.GetAppointmentsAsync(AppointmentUuid.FromBytes(new byte[AppointmentUuid.Size]), 10, None));
    }
}
