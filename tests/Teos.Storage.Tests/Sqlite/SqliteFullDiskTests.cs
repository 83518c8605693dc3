using Microsoft.Extensions.Logging;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Teos.TestSupport.Disk;
using Teos.TestSupport.Logging;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// The embedded store on a 16 MiB tmpfs that really fills up (the WAL, its checkpoints and the database file all
/// meet "no space left"). Mounting takes root; without it the conformance suite's full database (max_page_count)
/// stands in for this test.
/// </summary>
public sealed class SqliteFullDiskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_refuses_writes_as_storage_unavailable_logs_no_stack_and_loses_nothing_acknowledged()
    {
        await using var volume = await SmallVolume.TryMountAsync(16);
        if (volume is null)
        {
            output.WriteLine("no tmpfs (neither root nor password-less sudo): covered by the conformance suite's full database instead");
            return;
        }

        var path = Path.Combine(volume.Path, "regtest", "teos_db.sql3");
        using var log = new LogCapture();
        var logger = log.CreateLogger("store");
        var owner = TestUsers.NewUserId();
        var acknowledged = new List<AppointmentState>();
        await using (var storage = SqliteStorage.Open(path, StorageBackend.Options, logger))
        {
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(owner), new GrainState<UserState>(TestUsers.State()));
            for (var i = 0; i < 20; i++)
                await StoreAsync(storage, TestAppointments.For(owner), acknowledged);

            // Room for a few hundred more, then none.
            volume.FillUntil(1 << 20);
            var refusals = 0;
            for (var i = 0; i < 5_000 && refusals < 10; i++)
            {
                try
                {
                    await StoreAsync(storage, TestAppointments.For(owner, blobLength: 2_000), acknowledged);
                }
                catch (StorageUnavailableException)
                {
                    refusals++;
                }
            }

            output.WriteLine($"{acknowledged.Count - 20} more acknowledged on the full disk, then {refusals} refused");
            Assert.Equal(10, refusals);
            // Reads go on while writes are refused.
            Assert.True(await ExistsAsync(storage, acknowledged[0]));

            volume.Empty();
            await StoreAsync(storage, TestAppointments.For(owner), acknowledged);
        }

        // The store logged the faults quietly: nothing above a warning, no exception (stack) with any line.
        foreach (var line in log.Entries.Where(line => line.Level >= LogLevel.Warning))
            output.WriteLine($"{line.Level}: {line.Message}");
        Assert.All(log.Entries, line => Assert.True(line.Level <= LogLevel.Warning && line.Exception is null, $"{line.Level}: {line.Message}"));

        await using var reopened = SqliteStorage.Open(path, StorageBackend.Options, logger);
        foreach (var appointment in acknowledged)
            Assert.True(await ExistsAsync(reopened, appointment));
        output.WriteLine($"{acknowledged.Count} acknowledged appointments all there after reopening");
    }

    private static async Task StoreAsync(SqliteStorage storage, AppointmentState appointment, List<AppointmentState> acknowledged)
    {
        await storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));
        acknowledged.Add(appointment);
    }

    private static async Task<bool> ExistsAsync(SqliteStorage storage, AppointmentState appointment)
    {
        var read = new GrainState<AppointmentState>();
        await storage.Appointments.ReadStateAsync("appointment", TestAppointments.GrainOf(appointment), read);
        return read.RecordExists;
    }
}
