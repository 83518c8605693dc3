using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// Signatures are stored as a tag byte and their raw bytes (migration 0006); text that would not encode back to
/// itself, and rows carried over from before, keep their text. Every one reads back exactly as the user sent it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSignatureStorageTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_zbase32_signature_is_stored_as_a_tag_and_its_65_bytes()
    {
        await using var tower = await TowerAsync();
        var appointment = await tower.SaveAsync(TestAppointments.Signature);

        var stored = await tower.StoredSignatureAsync(appointment.Uuid);
        Assert.Equal(66, stored.Length);
        Assert.Equal(1, stored[0]);
        Assert.Equal(TestAppointments.Signature, await tower.ReadSignatureAsync(appointment.Uuid));
    }

    [Fact]
    public async Task Upper_case_zbase32_is_kept_as_text()
    {
        const string upper = "D7KY5B6CNYH5ROAAP7YPK4W3XDF5S7QFK8XH3KGTGY8HK3D6SGQEAQ4FY5E1J83IBZS5N5C4TONNPUWFQRT5GGXZMBIXAZ4SXHSXSMX7";
        await using var tower = await TowerAsync();
        var appointment = await tower.SaveAsync(upper);

        Assert.Equal([0, .. System.Text.Encoding.UTF8.GetBytes(upper)], await tower.StoredSignatureAsync(appointment.Uuid));
        Assert.Equal(upper, await tower.ReadSignatureAsync(appointment.Uuid));
    }

    [Fact]
    public async Task A_value_without_a_known_tag_is_reported_as_corrupt_not_misread()
    {
        await using var tower = await TowerAsync();
        var appointment = await tower.SaveAsync(TestAppointments.Signature);
        await using (var connection = await tower.OpenAsync())
        {
            Assert.Equal(1, await connection.Command("UPDATE appointments SET user_signature = '\\x07' WHERE uuid = $1", appointment.Uuid.ToArray())
                .ExecuteNonQueryAsync(None));
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => tower.ReadSignatureAsync(appointment.Uuid));
    }

    private async Task<Tower> TowerAsync()
    {
        var database = await postgres.MigratedDatabaseAsync();
        return new Tower(database, await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None));
    }

    private sealed class Tower(string database, PostgresTowerStore store) : IAsyncDisposable
    {
        public async Task<Appointment> SaveAsync(string signature)
        {
            var owner = TestUsers.Subscription();
            var appointment = TestAppointments.For(owner) with { UserSignature = signature };
            await store.WriteAsync(
                async (transaction, _) =>
                {
                    await transaction.SaveSubscriptionAsync(owner);
                    await transaction.SaveAppointmentAsync(appointment);
                    return true;
                },
                None);
            return appointment;
        }

        public async Task<string?> ReadSignatureAsync(AppointmentUuid uuid) =>
            (await store.GetAppointmentAsync(uuid, None))?.Appointment.UserSignature;

        public async Task<byte[]> StoredSignatureAsync(AppointmentUuid uuid)
        {
            await using var connection = await OpenAsync();
            return (await connection.Command("SELECT user_signature FROM appointments WHERE uuid = $1", uuid.ToArray()).ScalarAsync<byte[]>(None))!;
        }

        public async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            return connection;
        }

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
