using Teos.Grains.Storage;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The "users" grain storage.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_user_reads_back_with_every_field_it_was_written_with()
    {
        var written = TestUsers.State(allowance: 5_000_000_000, start: 1, expiry: uint.MaxValue, profile: ClientProfile.Python);

        var read = await ReadUserAsync(await RegisterAsync(written));

        Assert.True(read.RecordExists);
        Assert.Equal(written, read.State);
    }

    [Fact]
    public async Task Writing_a_user_again_updates_it_and_keeps_its_appointments()
    {
        var user = await RegisterAsync();
        var uuid = await StoreAsync(TestAppointments.For(user));
        var renewed = TestUsers.State(allowance: 300, expiry: 9000);

        await WriteAsync(Storage.Users, "user", TestUsers.GrainOf(user), renewed);

        Assert.Equal(renewed, (await ReadUserAsync(user)).State);
        Assert.Equal(user, (await ReadAppointmentAsync(uuid)).State!.UserId);
        Assert.Equal(1, (await Storage.OperatorQueries.GetCountsAsync(Tower, None)).Users);
    }

    [Fact]
    public async Task A_user_never_written_reads_as_a_fresh_state_that_does_not_exist()
    {
        var read = await ReadUserAsync(TestUsers.NewUserId());

        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.SlotAllowance);
    }

    [Fact]
    public async Task Clearing_a_user_deletes_its_appointments_with_it()
    {
        var user = await RegisterAsync();
        var keeper = await RegisterAsync();
        var gone = await StoreAsync(TestAppointments.For(user));
        var kept = await StoreAsync(TestAppointments.For(keeper));

        await Storage.Users.ClearStateAsync("user", TestUsers.GrainOf(user), await ReadUserAsync(user));

        Assert.False((await ReadUserAsync(user)).RecordExists);
        Assert.False((await ReadAppointmentAsync(gone)).RecordExists);
        Assert.True((await ReadAppointmentAsync(kept)).RecordExists);
    }

    [Fact]
    public async Task One_user_id_in_two_towers_is_two_users()
    {
        var other = new TowerKey(3);
        var user = await RegisterAsync(TestUsers.State(allowance: 10));

        await WriteAsync(Storage.Users, "user", TestUsers.GrainOf(user, other), TestUsers.State(allowance: 20));

        Assert.Equal(10, (await ReadUserAsync(user)).State!.SlotAllowance);
        Assert.Equal(20, (await ReadUserAsync(user, other)).State!.SlotAllowance);
    }
}
