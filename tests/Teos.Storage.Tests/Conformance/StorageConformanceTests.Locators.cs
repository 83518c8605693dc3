using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The <see cref="ILocatorRows"/> port.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_bucket_loads_the_watched_locators_of_its_range_with_their_profiles()
    {
        var user = await RegisterAsync();
        var first = Locator.FromHalves(0x0D40_0000_0000_0000, 0);
        var last = Locator.FromHalves(0x0D7F_FFFF_FFFF_FFFF, ulong.MaxValue);
        var middle = TestAppointments.InBucket(53);
        await StoreAsync(TestAppointments.For(user, ClientProfile.Rust, first));
        await StoreAsync(TestAppointments.For(user, ClientProfile.Python, last));
        await StoreAsync(TestAppointments.For(user, ClientProfile.Rust, middle));
        await StoreAsync(TestAppointments.For(user, ClientProfile.Rust, Locator.FromHalves(0x0D3F_FFFF_FFFF_FFFF, ulong.MaxValue)));
        await StoreAsync(TestAppointments.For(user, ClientProfile.Rust, Locator.FromHalves(0x0D80_0000_0000_0000, 0)));

        var loaded = await Storage.LocatorRows.LoadBucketAsync(Tower, 53, 10, None);

        Assert.Equal(
            new[] { new WatchedLocator(first, ClientProfile.Rust), new WatchedLocator(middle, ClientProfile.Rust), new WatchedLocator(last, ClientProfile.Python) }
                .OrderBy(w => w.Locator),
            loaded.OrderBy(w => w.Locator));
    }

    [Fact]
    public async Task The_last_bucket_reaches_the_highest_locator()
    {
        var user = await RegisterAsync();
        var highest = Locator.FromHalves(ulong.MaxValue, ulong.MaxValue);
        await StoreAsync(TestAppointments.For(user, locator: highest));

        var loaded = await Storage.LocatorRows.LoadBucketAsync(Tower, 1023, 10, None);

        Assert.Equal(highest, Assert.Single(loaded).Locator);
    }

    [Fact]
    public async Task A_bucket_leaves_out_triggered_rows_and_other_towers()
    {
        var user = await RegisterAsync();
        var elsewhere = new TowerKey(4);
        await WriteAsync(Storage.Users, "user", TestUsers.GrainOf(user, elsewhere), TestUsers.State());
        var watched = TestAppointments.InBucket(9);
        await StoreAsync(TestAppointments.For(user, locator: watched));
        await StoreAsync(TestAppointments.For(user, locator: TestAppointments.InBucket(9), triggered: true));
        await StoreAsync(TestAppointments.For(user, locator: TestAppointments.InBucket(9)), elsewhere);

        var loaded = await Storage.LocatorRows.LoadBucketAsync(Tower, 9, 10, None);

        Assert.Equal(watched, Assert.Single(loaded).Locator);
    }

    [Fact]
    public async Task A_watched_row_matches_only_its_own_profiles_locators()
    {
        var rustUser = await RegisterAsync();
        var pythonUser = await RegisterAsync(TestUsers.State(profile: ClientProfile.Python));
        var rust = TestAppointments.For(rustUser, ClientProfile.Rust);
        var python = TestAppointments.For(pythonUser, ClientProfile.Python);
        var rustUuid = await StoreAsync(rust);
        var pythonUuid = await StoreAsync(python);

        var found = await Storage.LocatorRows.FindWatchedAsync(Tower, [rust.Locator, python.Locator], [rust.Locator], None);

        Assert.Equal(new WatchedAppointment(rustUuid, rust.Locator, ClientProfile.Rust), Assert.Single(found));
        var viaPython = await Storage.LocatorRows.FindWatchedAsync(Tower, [], [python.Locator], None);
        Assert.Equal(new WatchedAppointment(pythonUuid, python.Locator, ClientProfile.Python), Assert.Single(viaPython));
    }

    [Fact]
    public async Task Every_owner_of_a_breached_locator_is_found_but_not_triggered_rows()
    {
        var locator = TestAppointments.RandomLocator();
        var first = await StoreAsync(TestAppointments.For(await RegisterAsync(), locator: locator));
        var second = await StoreAsync(TestAppointments.For(await RegisterAsync(), locator: locator));
        await StoreAsync(TestAppointments.For(await RegisterAsync(), locator: locator, triggered: true));

        var found = await Storage.LocatorRows.FindWatchedAsync(Tower, [locator, TestAppointments.RandomLocator()], [], None);

        Assert.Equal(new[] { first, second }.Select(u => u.ToHex()).Order(), found.Select(w => w.Uuid.ToHex()).Order());
    }

    [Fact]
    public async Task The_triggered_uuids_are_one_per_active_tracker()
    {
        var user = await RegisterAsync();
        var triggered = await StoreAsync(TestAppointments.For(user, triggered: true));
        await StoreAsync(TestAppointments.For(user));

        Assert.Equal(triggered, Assert.Single(await Storage.LocatorRows.GetTriggeredAsync(Tower, None)));
    }
}
