using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Users;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>The WAL stays within a bound proportional to the data, so a small volume is not filled by the WAL.</summary>
public sealed class WalBoundTests(ITestOutputHelper output) : IDisposable
{
    private const long PageSize = 4096;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(0, WalBound.MinPages)]
    [InlineData(4_000, WalBound.MinPages)]
    [InlineData(20_000, 5_000)]
    [InlineData(40_000, WalBound.MaxPages)]
    [InlineData(10_000_000, WalBound.MaxPages)]
    public void The_checkpoint_threshold_is_a_quarter_of_the_database_between_4_and_40_MiB(long databasePages, long expected)
    {
        Assert.Equal(expected, WalBound.CheckpointPages(databasePages));
    }

    [Fact]
    public async Task The_wal_stays_under_twice_its_bound_while_appointments_pour_in()
    {
        var owners = Enumerable.Range(0, 50).Select(_ => TestUsers.NewUserId()).ToArray();
        long largestWal = 0;
        long largestBound = 0;
        await using var storage = SqliteStorage.Open(_directory.DatabasePath, StorageBackend.Options, NullLogger.Instance);
        foreach (var owner in owners)
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(owner), new GrainState<UserState>(TestUsers.State()));

        // 300 rounds of 50 appointments write well over 40 MiB of WAL frames (the old fixed threshold).
        for (var round = 0; round < 300; round++)
        {
            await Task.WhenAll(owners.Select(owner =>
            {
                var appointment = TestAppointments.For(owner, blobLength: 1_000);
                return storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));
            }));

            var bound = WalBound.CheckpointPages(new FileInfo(_directory.DatabasePath).Length / PageSize) * PageSize;
            largestBound = Math.Max(largestBound, bound);
            largestWal = Math.Max(largestWal, new FileInfo(_directory.DatabasePath + "-wal").Length);
        }

        var database = new FileInfo(_directory.DatabasePath).Length;
        output.WriteLine($"database {database >> 20} MiB, largest WAL {largestWal >> 20} MiB, largest bound {largestBound >> 20} MiB");
        // One batch (at most 256 writes of ~20 KiB of frames each) may land on top before the checkpoint.
        Assert.True(largestWal <= 2 * largestBound + (6 << 20), $"WAL reached {largestWal} bytes, bound {largestBound}");
        Assert.True(largestWal < 40 << 20, $"WAL reached {largestWal} bytes");
    }
}
