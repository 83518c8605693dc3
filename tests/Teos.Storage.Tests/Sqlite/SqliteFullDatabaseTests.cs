using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// A full disk at the storage boundary, without mounting one: SQLite's max_page_count makes the database full, so
/// its writes fail with the same SQLITE_FULL a full disk gives. (FullDiskTests fills a real tmpfs where it can.)
/// </summary>
public sealed class SqliteFullDatabaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_full_database_refuses_writes_as_storage_unavailable_and_keeps_everything_acknowledged()
    {
        var owner = TestUsers.Subscription();
        var acknowledged = new List<Appointment>();
        await using (var store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance))
        {
            await store.SaveSubscriptionsAsync([owner]);
            for (var i = 0; i < 50; i++)
                acknowledged.Add(await store.SaveAppointmentAsync(TestAppointments.For(owner)));

            await store.WriteAsync(
                (transaction, _) =>
                {
                    var connection = ((SqliteTowerTransaction)transaction).Connection;
                    var pages = (long)connection.Command("PRAGMA page_count").ExecuteScalar()!;
                    connection.Execute($"PRAGMA max_page_count = {pages}");
                    return ValueTask.FromResult(true);
                },
                CancellationToken.None);

            StorageUnavailableException? refused = null;
            for (var i = 0; i < 2_000 && refused is null; i++)
            {
                var appointment = TestAppointments.For(owner, blobLength: 2_000);
                try
                {
                    acknowledged.Add(await store.SaveAppointmentAsync(appointment));
                }
                catch (StorageUnavailableException e)
                {
                    refused = e;
                }
            }

            Assert.NotNull(refused);
            Assert.Contains("full", refused.Message, StringComparison.Ordinal);
            // Reads go on while writes are refused.
            Assert.NotNull(await store.GetAppointmentAsync(acknowledged[0].Uuid, CancellationToken.None));
        }

        // Reopened (the limit was the connection's): everything acknowledged is there, and writes work again.
        await using (var store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance))
        {
            foreach (var appointment in acknowledged)
                Assert.NotNull(await store.GetAppointmentAsync(appointment.Uuid, CancellationToken.None));
            await store.SaveAppointmentAsync(TestAppointments.For(owner));
        }
    }
}
