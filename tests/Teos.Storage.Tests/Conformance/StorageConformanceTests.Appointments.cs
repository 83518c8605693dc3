using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The "appointments" grain storage.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task An_appointment_reads_back_with_every_field_it_was_written_with()
    {
        var owner = await RegisterAsync();
        var written = TestAppointments.For(owner, ClientProfile.Python, triggered: true) with { ToSelfDelay = uint.MaxValue, StartBlock = 3_000_000_000 };

        var read = await ReadAppointmentAsync(await StoreAsync(written));

        Assert.True(read.RecordExists);
        Assert.Equal(written.EncryptedBlob, read.State!.EncryptedBlob);
        Assert.Equal(written with { EncryptedBlob = read.State!.EncryptedBlob }, read.State);
    }

    [Fact]
    public async Task Writing_an_appointment_again_replaces_its_row()
    {
        var owner = await RegisterAsync();
        var first = TestAppointments.For(owner);
        var uuid = await StoreAsync(first);
        var update = TestAppointments.For(owner, locator: first.Locator, blobLength: 600, startBlock: 250, triggered: true);

        await StoreAsync(update);

        var read = await ReadAppointmentAsync(uuid);
        Assert.Equal(update.EncryptedBlob, read.State!.EncryptedBlob);
        Assert.Equal(250u, read.State!.StartBlock);
        Assert.True(read.State!.Triggered);
        Assert.Equal(1, (await Storage.OperatorQueries.GetCountsAsync(Tower, None)).Trackers);
    }

    [Fact]
    public async Task An_appointment_never_written_reads_as_a_fresh_state_that_does_not_exist()
    {
        var read = await ReadAppointmentAsync(TestAppointments.UuidOf(TestAppointments.For(TestUsers.NewUserId())));

        Assert.False(read.RecordExists);
        Assert.Empty(read.State!.EncryptedBlob);
    }

    [Fact]
    public async Task Clearing_an_appointment_deletes_its_row()
    {
        var owner = await RegisterAsync();
        var appointment = TestAppointments.For(owner);
        var uuid = await StoreAsync(appointment);

        await Storage.Appointments.ClearStateAsync("appointment", TestAppointments.GrainOf(uuid), await ReadAppointmentAsync(uuid));

        Assert.False((await ReadAppointmentAsync(uuid)).RecordExists);
        Assert.Empty(await Storage.GatekeeperRows.GetUserAppointmentsAsync(Tower, owner, None));
    }

    [Fact]
    public async Task An_appointment_whose_owner_is_not_stored_is_refused()
    {
        var appointment = TestAppointments.For(TestUsers.NewUserId());

        await Assert.ThrowsAnyAsync<Exception>(() => StoreAsync(appointment));

        Assert.False((await ReadAppointmentAsync(TestAppointments.UuidOf(appointment))).RecordExists);
    }

    [Fact]
    public async Task One_uuid_in_two_towers_is_two_rows()
    {
        var other = new TowerKey(7);
        var owner = await RegisterAsync();
        var appointment = TestAppointments.For(owner);
        await WriteAsync(Storage.Users, "user", TestUsers.GrainOf(owner, other), TestUsers.State());

        var uuid = await StoreAsync(appointment);
        await StoreAsync(appointment with { StartBlock = 999 }, other);

        Assert.Equal(appointment.StartBlock, (await ReadAppointmentAsync(uuid)).State!.StartBlock);
        Assert.Equal(999u, (await ReadAppointmentAsync(uuid, other)).State!.StartBlock);
    }

    [Theory]
    [InlineData(TestAppointments.Signature)]
    [InlineData("D7KY5B6CNYH5ROAAP7YPK4W3XDF5S7QFK8XH3KGTGY8HK3D6SGQEAQ4FY5E1J83IBZS5N5C4TONNPUWFQRT5GGXZMBIXAZ4SXHSXSMX7")]
    [InlineData("not zbase32 at all: €")]
    [InlineData("")]
    public async Task A_signature_comes_back_exactly_as_received(string signature)
    {
        var owner = await RegisterAsync();

        var uuid = await StoreAsync(TestAppointments.For(owner) with { UserSignature = signature });

        Assert.Equal(signature, (await ReadAppointmentAsync(uuid)).State!.UserSignature);
    }

    [Fact]
    public async Task An_appointment_write_is_one_write_of_one_statement()
    {
        var owner = await RegisterAsync();
        var (writes, statements) = (Storage.Writes, Storage.Statements);

        await StoreAsync(TestAppointments.For(owner));

        Assert.Equal(1, Storage.Writes - writes);
        Assert.Equal(1, Storage.Statements - statements);
    }
}
