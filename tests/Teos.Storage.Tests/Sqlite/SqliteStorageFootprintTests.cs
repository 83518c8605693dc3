using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Appointments;
using Teos.Protocol.Encoding;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>The schema's cost on disk and the shape of the per-block query, which must not drift unnoticed.</summary>
public sealed class SqliteStorageFootprintTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Payload: what the user sends for one appointment (locator, blob, signature, to_self_delay), each at its binary size.</summary>
    [Fact]
    public async Task An_appointment_costs_at_most_one_and_a_half_times_its_payload_on_disk()
    {
        const int count = 20_000;
        const int blobLength = 300;
        var owners = Enumerable.Range(0, 100).Select(_ => TestUsers.Subscription()).ToArray();
        long payload = 0;
        await using (var store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance))
        {
            await store.SaveSubscriptionsAsync(owners);
            var emptyBytes = UsedBytes();
            var writes = new List<Task<Appointment>>();
            for (var i = 0; i < count; i++)
            {
                var appointment = TestAppointments.For(owners[i % owners.Length], blobLength: blobLength);
                payload += Payload(appointment);
                writes.Add(store.SaveAppointmentAsync(appointment));
            }

            await Task.WhenAll(writes);
            var perAppointment = (double)(UsedBytes() - emptyBytes) / count;
            var ratio = perAppointment / ((double)payload / count);
            output.WriteLine($"{perAppointment:F0} bytes per appointment for a {payload / count}-byte payload: {ratio:F2}x");
            Assert.True(ratio <= 1.5, $"{ratio:F2}x the payload");
        }
    }

    [Fact]
    public async Task The_block_match_seeks_each_profiles_locator_index_for_each_candidate()
    {
        await using (SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance))
        {
        }

        using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + BreachQuery.Sql;
        command.Parameters.AddWithValue("$rust", new byte[16]);
        command.Parameters.AddWithValue("$python", new byte[16]);
        command.Parameters.AddWithValue("$delta", 6);
        command.Parameters.AddWithValue("$height", 300);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                plan.Add(reader.GetString(3));
        }

        output.WriteLine(string.Join(Environment.NewLine, plan));
        Assert.Contains(plan, step => step.Contains("SEARCH a USING INDEX appointments_rust_locator", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("SEARCH a USING INDEX appointments_python_locator", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step == "SCAN a" || step.StartsWith("SCAN a ", StringComparison.Ordinal));
        // The check that a profile has appointments at all reads its (possibly empty) index, never the table.
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN appointments", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    private static long Payload(Appointment appointment) =>
        16 + appointment.EncryptedBlob.Length + ZBase32.GetDecodedLength(appointment.UserSignature.Length) + 4;

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
