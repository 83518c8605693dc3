using System.Security.Cryptography;
using Teos.Grains.Appointments;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task A_saved_appointment_is_read_back_without_a_tracker()
    {
        var user = await Register(TestUsers.Subscription(profile: ClientProfile.Python));
        var appointment = await Add(TestAppointments.For(user));

        var record = await Store.GetAppointmentAsync(appointment.Uuid, None);

        Assert.NotNull(record);
        AssertSame(appointment, record.Appointment);
        Assert.Null(record.Tracker);
    }

    [Fact]
    public async Task An_unknown_appointment_has_no_record_and_no_state()
    {
        var uuid = AppointmentUuid.FromBytes(RandomNumberGenerator.GetBytes(AppointmentUuid.Size));

        Assert.Null(await Store.GetAppointmentAsync(uuid, None));
        Assert.Null(await Write(transaction => transaction.GetAppointmentStateAsync(uuid)));
    }

    [Fact]
    public async Task Saving_the_same_uuid_again_replaces_blob_delay_signature_and_start_block()
    {
        var user = await Register(TestUsers.Subscription());
        var first = await Add(TestAppointments.For(user, blobLength: 3000, startBlock: 200));
        var update = first with
        {
            EncryptedBlob = RandomNumberGenerator.GetBytes(100),
            ToSelfDelay = 144,
            UserSignature = "rbwewwyr2w3f7y9k8t6xh6ytemz8icpuzxc6f5ts5hs1hfz6ygnsdsaqttdhaeorcoxkzdhb6kty8t1jtk4qmdy5mmmphm3n5i1acqh",
            StartBlock = 250,
        };

        await Add(update);

        var record = await Store.GetAppointmentAsync(first.Uuid, None);
        AssertSame(update, record!.Appointment);
        Assert.Equal(1, await Store.CountAppointmentsAsync(None));
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(2_147_483_648u, 2_147_483_647u)]
    [InlineData(uint.MaxValue, uint.MaxValue)]
    public async Task Delay_and_start_block_keep_every_u32_value(uint toSelfDelay, uint startBlock)
    {
        var user = await Register(TestUsers.Subscription());
        var appointment = await Add(TestAppointments.For(user, startBlock: startBlock) with { ToSelfDelay = toSelfDelay });

        AssertSame(appointment, (await Store.GetAppointmentAsync(appointment.Uuid, None))!.Appointment);
    }

    [Theory]
    [InlineData("D7KY5B6CNYH5ROAAP7YPK4W3XDF5S7QFK8XH3KGTGY8HK3D6SGQEAQ4FY5E1J83IBZS5N5C4TONNPUWFQRT5GGXZMBIXAZ4SXHSXSMX7")]
    [InlineData("not zbase32 at all, ünïcödé")]
    [InlineData("")]
    public async Task A_signature_comes_back_exactly_as_sent_even_when_not_canonical(string signature)
    {
        var user = await Register(TestUsers.Subscription());
        var appointment = await Add(TestAppointments.For(user) with { UserSignature = signature });

        Assert.Equal(signature, (await Store.GetAppointmentAsync(appointment.Uuid, None))!.Appointment.UserSignature);
    }

    [Fact]
    public async Task An_update_keeps_the_profile_the_appointment_was_accepted_under()
    {
        var user = await Register(TestUsers.Subscription(profile: ClientProfile.Rust));
        var first = await Add(TestAppointments.For(user));

        await Add(first with { Profile = ClientProfile.Python, StartBlock = 300 });

        var record = await Store.GetAppointmentAsync(first.Uuid, None);
        Assert.Equal(ClientProfile.Rust, record!.Appointment.Profile);
        Assert.Equal(300u, record.Appointment.StartBlock);
    }

    [Fact]
    public async Task The_appointment_state_gives_the_stored_blob_length_and_whether_it_was_triggered()
    {
        var user = await Register(TestUsers.Subscription());
        var watched = await Add(TestAppointments.For(user, blobLength: 2049));
        var triggered = await Add(TestAppointments.For(user, blobLength: 10));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(5))));

        Assert.Equal(new StoredAppointmentState(2049, false), await Write(transaction => transaction.GetAppointmentStateAsync(watched.Uuid)));
        Assert.Equal(new StoredAppointmentState(10, true), await Write(transaction => transaction.GetAppointmentStateAsync(triggered.Uuid)));
    }

    [Fact]
    public async Task A_users_locators_include_triggered_appointments_and_no_one_elses()
    {
        var user = await Register(TestUsers.Subscription());
        var other = await Register(TestUsers.Subscription());
        var watched = await Add(TestAppointments.For(user));
        var triggered = await Add(TestAppointments.For(user));
        await Add(TestAppointments.For(other));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(triggered, TrackerStatus.InMempoolSince(5))));

        var locators = await Store.GetLocatorsAsync(user.UserId, None);

        Assert.Equal(new[] { watched.Locator, triggered.Locator }.Order(), locators.Order());
        Assert.Empty(await Store.GetLocatorsAsync(TestUsers.NewUserId(), None));
    }

    [Fact]
    public async Task Deleting_without_refund_leaves_the_owners_slots_alone()
    {
        var user = await Register(TestUsers.Subscription(slots: 7));
        var appointment = await Add(TestAppointments.For(user, blobLength: 5000));

        await Write(transaction => transaction.DeleteAppointmentsAsync([appointment.Uuid], refund: false));

        Assert.Null(await Store.GetAppointmentAsync(appointment.Uuid, None));
        Assert.Equal(7u, (await Store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
    }

    [Fact]
    public async Task Deleting_with_refund_gives_back_ceil_of_blob_length_over_2048_per_appointment()
    {
        var user = await Register(TestUsers.Subscription(slots: 7));
        var other = await Register(TestUsers.Subscription(slots: 1));
        var empty = await Add(TestAppointments.For(user, blobLength: 0));
        var one = await Add(TestAppointments.For(user, blobLength: 2048));
        var two = await Add(TestAppointments.For(user, blobLength: 2049));
        var othersOne = await Add(TestAppointments.For(other, blobLength: 1));
        var untouched = await Add(TestAppointments.For(user, blobLength: 9000));

        await Write(transaction => transaction.DeleteAppointmentsAsync([empty.Uuid, one.Uuid, two.Uuid, othersOne.Uuid], refund: true));

        Assert.Equal(7u + 0 + 1 + 2, (await Store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
        Assert.Equal(2u, (await Store.GetSubscriptionAsync(other.UserId, None))!.AvailableSlots);
        Assert.NotNull(await Store.GetAppointmentAsync(untouched.Uuid, None));
        Assert.Equal(1, await Store.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task A_refund_saturates_at_u32_max()
    {
        var user = await Register(TestUsers.Subscription(slots: uint.MaxValue - 1));
        var appointment = await Add(TestAppointments.For(user, blobLength: 5000));

        await Write(transaction => transaction.DeleteAppointmentsAsync([appointment.Uuid], refund: true));

        Assert.Equal(uint.MaxValue, (await Store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
    }

    [Fact]
    public async Task Deleting_an_appointment_deletes_its_tracker()
    {
        var user = await Register(TestUsers.Subscription());
        var appointment = await Add(TestAppointments.For(user));
        await Write(transaction => transaction.InsertTrackerAsync(TestTransactions.TrackerFor(appointment, TrackerStatus.ConfirmedIn(7))));

        await Write(transaction => transaction.DeleteAppointmentsAsync([appointment.Uuid], refund: false));

        Assert.Empty(await Write(transaction => transaction.GetTrackerSummariesAsync()));
        Assert.Empty(await Write(transaction => transaction.GetTrackersAsync([appointment.Uuid])));
    }

    [Fact]
    public async Task Deleting_unknown_uuids_changes_nothing()
    {
        var user = await Register(TestUsers.Subscription(slots: 3));
        await Add(TestAppointments.For(user));

        await Write(transaction => transaction.DeleteAppointmentsAsync([TestAppointments.For(user).Uuid], refund: true));
        await Write(transaction => transaction.DeleteAppointmentsAsync([], refund: true));

        Assert.Equal(1, await Store.CountAppointmentsAsync(None));
        Assert.Equal(3u, (await Store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
    }

    /// <summary>Records compare blobs by reference; this compares every field by value.</summary>
    protected static void AssertSame(Appointment expected, Appointment actual)
    {
        Assert.Equal(expected.EncryptedBlob, actual.EncryptedBlob);
        Assert.Equal(expected, actual with { EncryptedBlob = expected.EncryptedBlob });
    }
}
