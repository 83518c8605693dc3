using Npgsql;
using Teos.Grains.Appointments;
using Teos.Storage.LocatorCache;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// In a group-commit batch, add_appointment's reads cost one round trip: the user lock brings back the tip and
/// the state of the appointment the caller names.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBatchedAdmissionTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task The_user_lock_brings_back_the_named_appointments_state_even_one_stored_earlier_in_the_batch()
    {
        var owner = TestUsers.Subscription();
        var appointment = TestAppointments.For(owner, blobLength: 280);
        await using var connection = await MigratedDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batch = await PostgresTowerTransaction.BatchAsync(connection, new RecentBlockMemory(), None);
        batch.StartItem(0);
        await batch.SaveSubscriptionAsync(owner);
        await batch.SaveAppointmentAsync(appointment);

        // Both writes are still deferred: they travel ahead of the lock, so the state read sees them.
        batch.StartItem(1);
        Assert.Equal(owner, await batch.GetSubscriptionForUpdateAsync(owner.UserId, readNext: appointment.Uuid));
        Assert.Equal(new StoredAppointmentState(280, Triggered: false), await batch.GetAppointmentStateAsync(appointment.Uuid));
        Assert.Equal(1, batch.ItemStatements);

        // The lock's reads answer once; any other read is a statement of its own.
        Assert.Equal(new StoredAppointmentState(280, Triggered: false), await batch.GetAppointmentStateAsync(appointment.Uuid));
        Assert.Null(await batch.GetAppointmentStateAsync(TestAppointments.For(owner).Uuid));
        Assert.Equal(3, batch.ItemStatements);
    }

    [Fact]
    public async Task A_state_read_after_another_statement_goes_to_the_database()
    {
        var owner = TestUsers.Subscription();
        var appointment = TestAppointments.For(owner);
        await using var connection = await MigratedDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batch = await PostgresTowerTransaction.BatchAsync(connection, new RecentBlockMemory(), None);
        batch.StartItem(0);
        await batch.SaveSubscriptionAsync(owner);

        batch.StartItem(1);
        Assert.Equal(owner, await batch.GetSubscriptionForUpdateAsync(owner.UserId, readNext: appointment.Uuid));
        await batch.SaveAppointmentAsync(appointment);

        // The lock read "no such row"; the write since then made one.
        Assert.Equal(new StoredAppointmentState(300, Triggered: false), await batch.GetAppointmentStateAsync(appointment.Uuid));
    }

    private async Task<NpgsqlConnection> MigratedDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await postgres.MigratedDatabaseAsync());
        await connection.OpenAsync();
        return connection;
    }
}
