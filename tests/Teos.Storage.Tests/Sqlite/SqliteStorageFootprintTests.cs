using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Users;
using Teos.Protocol.Encoding;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>The schema's cost on disk must not drift unnoticed (DESIGN.md section 5; the bench measures it at 10^6).</summary>
public sealed class SqliteStorageFootprintTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Payload: what the user sends for one appointment (locator, blob, signature, to_self_delay), each at its binary size.</summary>
    [Fact]
    public async Task An_appointment_costs_at_most_one_and_a_half_times_its_payload_on_disk()
    {
        const int count = 20_000;
        var owners = Enumerable.Range(0, 100).Select(_ => TestUsers.NewUserId()).ToArray();
        long payload = 0;
        await using var storage = SqliteStorage.Open(_directory.DatabasePath, StorageBackend.Options, NullLogger.Instance);
        foreach (var owner in owners)
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(owner), new GrainState<UserState>(TestUsers.State()));
        var emptyBytes = UsedBytes();
        var writes = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var appointment = TestAppointments.For(owners[i % owners.Length]);
            payload += 16 + appointment.EncryptedBlob.Length + ZBase32.GetDecodedLength(appointment.UserSignature.Length) + 4;
            writes.Add(storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment)));
        }

        await Task.WhenAll(writes);

        var perAppointment = (double)(UsedBytes() - emptyBytes) / count;
        var ratio = perAppointment / ((double)payload / count);
        output.WriteLine($"{perAppointment:F0} bytes per appointment for a {payload / count}-byte payload: {ratio:F2}x");
        Assert.True(ratio <= 1.5, $"{ratio:F2}x the payload");
    }

    /// <summary>Pages in use after folding the WAL into the file (free pages excluded).</summary>
    private long UsedBytes()
    {
        using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size";
        return (long)command.ExecuteScalar()!;
    }
}
