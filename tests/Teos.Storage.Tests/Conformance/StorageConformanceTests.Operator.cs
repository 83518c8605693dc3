using Teos.Grains.Storage;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The <see cref="IOperatorQueries"/> and <see cref="ITowerKeys"/> ports.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Counts_are_users_watched_rows_and_triggered_rows_of_the_tower()
    {
        var user = await RegisterAsync();
        await RegisterAsync(TestUsers.State(profile: ClientProfile.Python));
        await RegisterAsync(tower: new TowerKey(5));
        await StoreAsync(TestAppointments.For(user));
        await StoreAsync(TestAppointments.For(user, ClientProfile.Python));
        await StoreAsync(TestAppointments.For(user, triggered: true));

        Assert.Equal(new TowerCounts(2, 2, 1), await Storage.OperatorQueries.GetCountsAsync(Tower, None));
    }

    [Fact]
    public async Task User_ids_come_in_pages_in_key_order()
    {
        var users = new[] { await RegisterAsync(), await RegisterAsync(), await RegisterAsync() }.OrderBy(u => u.ToHex(), StringComparer.Ordinal).ToArray();

        var first = await Storage.OperatorQueries.GetUserIdsAsync(Tower, null, 2, None);
        var rest = await Storage.OperatorQueries.GetUserIdsAsync(Tower, first[^1], 2, None);

        Assert.Equal(users, first.Concat(rest));
    }

    [Fact]
    public async Task Appointments_come_in_pages_in_uuid_order_with_their_state()
    {
        var user = await RegisterAsync();
        var written = new[] { TestAppointments.For(user), TestAppointments.For(user, triggered: true), TestAppointments.For(user) };
        foreach (var appointment in written)
            await StoreAsync(appointment);

        var first = await Storage.OperatorQueries.GetAppointmentsAsync(Tower, null, 2, None);
        var rest = await Storage.OperatorQueries.GetAppointmentsAsync(Tower, first[^1].Uuid, 2, None);

        var listed = first.Concat(rest).ToArray();
        Assert.Equal(written.Select(TestAppointments.UuidOf).Select(u => u.ToHex()).Order(StringComparer.Ordinal), listed.Select(a => a.Uuid.ToHex()));
        foreach (var appointment in listed)
            Assert.Equal(written.Single(w => TestAppointments.UuidOf(w) == appointment.Uuid).EncryptedBlob, appointment.State!.EncryptedBlob);
    }

    [Fact]
    public async Task Appointments_by_locator_are_every_owners_triggered_ones_included()
    {
        var locator = TestAppointments.RandomLocator();
        var rust = await StoreAsync(TestAppointments.For(await RegisterAsync(), locator: locator));
        var python = await StoreAsync(TestAppointments.For(await RegisterAsync(), ClientProfile.Python, locator));
        var triggered = await StoreAsync(TestAppointments.For(await RegisterAsync(), locator: locator, triggered: true));
        await StoreAsync(TestAppointments.For(await RegisterAsync()));

        var found = await Storage.OperatorQueries.GetAppointmentsByLocatorAsync(Tower, locator, None);

        Assert.Equal(new[] { rust, python, triggered }.Select(u => u.ToHex()).Order(), found.Select(a => a.Uuid.ToHex()).Order());
    }

    [Fact]
    public async Task The_first_tower_key_offered_is_kept()
    {
        var (first, second) = (new string('a', 64), new string('b', 64));

        Assert.Equal(first, await Storage.TowerKeys.GetOrAddTowerKeyAsync(first, None));
        Assert.Equal(first, await Storage.TowerKeys.GetOrAddTowerKeyAsync(second, None));
    }

    [Fact]
    public async Task An_added_tower_key_is_the_one_in_use()
    {
        await Storage.TowerKeys.GetOrAddTowerKeyAsync(new string('a', 64), None);

        await Storage.TowerKeys.AddTowerKeyAsync(new string('c', 64), None);

        Assert.Equal(new string('c', 64), await Storage.TowerKeys.GetOrAddTowerKeyAsync(new string('d', 64), None));
    }
}
