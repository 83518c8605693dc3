using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>Signatures are packed to their raw bytes on disk, and every one comes back exactly as the user sent it.</summary>
public sealed class SqliteSignatureStorageTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteTowerStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_zbase32_signature_is_stored_as_its_65_bytes_and_read_back_as_sent()
    {
        var appointment = await SaveAsync(TestAppointments.Signature);

        Assert.Equal(("blob", 65L), StoredSignature(appointment.Uuid));
        Assert.Equal(TestAppointments.Signature, await ReadSignatureAsync(appointment.Uuid));
    }

    [Theory]
    [InlineData("D7KY5B6CNYH5ROAAP7YPK4W3XDF5S7QFK8XH3KGTGY8HK3D6SGQEAQ4FY5E1J83IBZS5N5C4TONNPUWFQRT5GGXZMBIXAZ4SXHSXSMX7")]
    [InlineData("not zbase32 at all")]
    public async Task Text_that_would_not_encode_back_to_itself_is_kept_as_text(string signature)
    {
        var appointment = await SaveAsync(signature);

        Assert.Equal("text", StoredSignature(appointment.Uuid).Type);
        Assert.Equal(signature, await ReadSignatureAsync(appointment.Uuid));
    }

    [Fact]
    public async Task Rows_written_as_text_before_packing_still_read()
    {
        var appointment = await SaveAsync(TestAppointments.Signature);
        await _store.DisposeAsync();
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE appointments SET user_signature = $text WHERE uuid = $uuid";
            command.Parameters.AddWithValue("$text", TestAppointments.Signature);
            command.Parameters.AddWithValue("$uuid", appointment.Uuid.ToArray());
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        _store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance);

        Assert.Equal("text", StoredSignature(appointment.Uuid).Type);
        Assert.Equal(TestAppointments.Signature, await ReadSignatureAsync(appointment.Uuid));
    }

    private async Task<Grains.Appointments.Appointment> SaveAsync(string signature)
    {
        var owner = TestUsers.Subscription();
        var appointment = TestAppointments.For(owner) with { UserSignature = signature };
        await _store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(owner);
                await transaction.SaveAppointmentAsync(appointment);
                return true;
            },
            CancellationToken.None);
        return appointment;
    }

    private async Task<string?> ReadSignatureAsync(Protocol.Appointments.AppointmentUuid uuid) =>
        (await _store.GetAppointmentAsync(uuid, CancellationToken.None))?.Appointment.UserSignature;

    private (string Type, long Length) StoredSignature(Protocol.Appointments.AppointmentUuid uuid)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(user_signature), length(CAST(user_signature AS BLOB)) FROM appointments WHERE uuid = $uuid";
        command.Parameters.AddWithValue("$uuid", uuid.ToArray());
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetInt64(1));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
