using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// The one writer of the SQLite store: many writes per commit, each failing or canceled on its own, except for a fault
/// of the machine, which fails its whole batch.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteStorage _storage = null!;

    public Task InitializeAsync()
    {
        _storage = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Concurrent_appointment_writes_all_complete_with_far_fewer_commits()
    {
        var owner = await RegisterAsync();
        var commits = _storage.Commits;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => StoreAsync(TestAppointments.For(owner))));

        Assert.Equal(1000, (await _storage.OperatorQueries.GetCountsAsync(default, CancellationToken.None)).WatchedAppointments);
        Assert.True(_storage.Commits - commits <= 100, $"{_storage.Commits - commits} commits for 1000 writes");
    }

    [Fact]
    public async Task A_write_that_fails_in_a_batch_is_refused_alone()
    {
        var owner = await RegisterAsync();
        var (blocker, gate) = await HoldTheWriterAsync();
        var before = StoreAsync(TestAppointments.For(owner));
        var orphan = StoreAsync(TestAppointments.For(TestUsers.NewUserId()));
        var after = StoreAsync(TestAppointments.For(owner));

        gate.SetResult();

        await Task.WhenAll(blocker, before, after);
        await Assert.ThrowsAnyAsync<Exception>(() => orphan);
        Assert.Equal(2, (await _storage.GatekeeperRows.GetUserAppointmentsAsync(default, owner, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_full_disk_inside_a_batch_fails_every_write_of_it_and_stores_none()
    {
        var owner = await RegisterAsync();
        // Room for a few small rows, not for a 1 MB one: the database is full in the middle of the next batch.
        await _storage.Access.WriteAsync(
            connection => connection.Execute($"PRAGMA max_page_count = {(long)connection.Command("PRAGMA page_count").ExecuteScalar()! + 50}"),
            CancellationToken.None);
        var (blocker, gate) = await HoldTheWriterAsync();
        var (first, last) = (TestAppointments.For(owner), TestAppointments.For(owner));
        var writes = new[] { StoreAsync(first), StoreAsync(TestAppointments.For(owner, blobLength: 1 << 20)), StoreAsync(last) };

        gate.SetResult();

        await blocker;
        foreach (var write in writes)
            Assert.IsType<SqliteException>((await Assert.ThrowsAsync<StorageUnavailableException>(() => write)).InnerException);
        Assert.Empty(await _storage.GatekeeperRows.GetUserAppointmentsAsync(default, owner, CancellationToken.None));
        await StoreAsync(first);
    }

    [Fact]
    public async Task A_write_canceled_while_queued_never_runs_and_the_rest_of_the_batch_commits()
    {
        var owner = await RegisterAsync();
        var (blocker, gate) = await HoldTheWriterAsync();
        using var cancellation = new CancellationTokenSource();
        var dropped = TestAppointments.For(owner);
        var canceled = _storage.Access.WriteAsync(connection => AppointmentRows.Save(connection, default, TestAppointments.UuidOf(dropped), dropped), cancellation.Token);
        var kept = StoreAsync(TestAppointments.For(owner));

        await cancellation.CancelAsync();
        gate.SetResult();

        await Task.WhenAll(blocker, kept);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.Single(await _storage.GatekeeperRows.GetUserAppointmentsAsync(default, owner, CancellationToken.None));
    }

    [Fact]
    public async Task Closing_the_store_finishes_the_queued_writes_first()
    {
        var owner = await RegisterAsync();
        var writes = Enumerable.Range(0, 50).Select(_ => StoreAsync(TestAppointments.For(owner))).ToArray();

        await _storage.DisposeAsync();

        await Task.WhenAll(writes);
        _storage = Open();
        Assert.Equal(50, (await _storage.GatekeeperRows.GetUserAppointmentsAsync(default, owner, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_closed_store_refuses_writes()
    {
        var owner = await RegisterAsync();

        await _storage.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => StoreAsync(TestAppointments.For(owner)));
    }

    private SqliteStorage Open() => SqliteStorage.Open(_directory.DatabasePath, StorageBackend.Options, NullLogger.Instance);

    private async Task<Protocol.Users.UserId> RegisterAsync()
    {
        var user = TestUsers.NewUserId();
        await _storage.Users.WriteStateAsync("user", TestUsers.GrainOf(user), new GrainState<UserState>(TestUsers.State()));
        return user;
    }

    private Task StoreAsync(AppointmentState appointment) =>
        _storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));

    /// <summary>A write that keeps the writer busy until the gate opens: what is queued meanwhile forms the next batch.</summary>
    private async Task<(Task<bool> Blocker, TaskCompletionSource Gate)> HoldTheWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _storage.Access.WriteAsync(
            _ =>
            {
                started.SetResult();
                gate.Task.Wait();
                return true;
            },
            CancellationToken.None);
        await started.Task;
        return (blocker, gate);
    }
}
