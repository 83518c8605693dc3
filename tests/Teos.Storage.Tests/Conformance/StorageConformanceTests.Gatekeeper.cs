using Teos.Grains.Storage;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The <see cref="IGatekeeperRows"/> port.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_users_appointments_come_with_their_locator_blob_length_and_trigger()
    {
        var user = await RegisterAsync();
        var other = await RegisterAsync();
        var watched = TestAppointments.For(user, blobLength: 2049);
        var triggered = TestAppointments.For(user, blobLength: 0, triggered: true);
        await StoreAsync(watched);
        await StoreAsync(triggered);
        await StoreAsync(TestAppointments.For(other));

        var rows = await Storage.GatekeeperRows.GetUserAppointmentsAsync(Tower, user, None);

        Assert.Equal(
            new[]
            {
                new OwnedAppointment(TestAppointments.UuidOf(watched), watched.Locator, 2049, false),
                new OwnedAppointment(TestAppointments.UuidOf(triggered), triggered.Locator, 0, true),
            }.OrderBy(row => row.Uuid.ToHex(), StringComparer.Ordinal),
            rows.OrderBy(row => row.Uuid.ToHex(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_burn_deletes_the_row_and_saves_the_lowered_allowance()
    {
        var user = await RegisterAsync(TestUsers.State(allowance: 100));
        var burned = await StoreAsync(TestAppointments.For(user));
        var after = TestUsers.State(allowance: 99);

        await Storage.GatekeeperRows.BurnAsync(Tower, user, burned, after, None);

        Assert.False((await ReadAppointmentAsync(burned)).RecordExists);
        Assert.Equal(after, (await ReadUserAsync(user)).State);
    }

    [Fact]
    public async Task Deleting_an_appointment_keeps_its_owner()
    {
        var user = await RegisterAsync();
        var uuid = await StoreAsync(TestAppointments.For(user));

        await Storage.GatekeeperRows.DeleteAppointmentAsync(Tower, uuid, None);

        Assert.False((await ReadAppointmentAsync(uuid)).RecordExists);
        Assert.True((await ReadUserAsync(user)).RecordExists);
    }

    [Fact]
    public async Task Outdated_users_are_those_whose_deletion_height_is_reached()
    {
        var due = await RegisterAsync(TestUsers.State() with { DeletionHeight = 500 });
        var early = await RegisterAsync(TestUsers.State() with { DeletionHeight = 499 });
        await RegisterAsync(TestUsers.State() with { DeletionHeight = 501 });
        await RegisterAsync(TestUsers.State() with { DeletionHeight = 400 }, new TowerKey(2));

        var outdated = await Storage.GatekeeperRows.GetOutdatedUsersAsync(Tower, 500, None);

        Assert.Equal(new[] { due, early }.Select(u => u.ToHex()).Order(), outdated.Select(u => u.ToHex()).Order());
    }
}
