using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Users;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;
using StorageUnavailableException = Teos.Grains.Storage.StorageUnavailableException;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// Group commit on PostgreSQL: many writes per transaction, each refused or deadlocking on its own, except for a fault of
/// the machine, which fails its whole batch.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Concurrent_appointment_writes_all_complete_with_far_fewer_commits()
    {
        await using var storage = await OpenAsync(await postgres.Server.CreateDatabaseAsync());
        var owner = await RegisterAsync(storage);
        var commits = storage.Commits;

        await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => StoreAsync(storage, TestAppointments.For(owner))));

        Assert.Equal(500, (await storage.OperatorQueries.GetCountsAsync(TowerKey.Default, None)).WatchedAppointments);
        Assert.True(storage.Commits - commits <= 100, $"{storage.Commits - commits} commits for 500 writes");
    }

    [Fact]
    public async Task A_write_postgres_refuses_fails_alone_and_the_others_commit()
    {
        await using var storage = await OpenAsync(await postgres.Server.CreateDatabaseAsync(), lanes: 1);
        var owner = await RegisterAsync(storage);
        var writes = Enumerable.Range(0, 20).Select(_ => StoreAsync(storage, TestAppointments.For(owner))).ToList();
        // The owner was never stored: the schema refuses the row and aborts whatever batch carries it.
        var orphan = StoreAsync(storage, TestAppointments.For(TestUsers.NewUserId()));
        writes.AddRange(Enumerable.Range(0, 20).Select(_ => StoreAsync(storage, TestAppointments.For(owner))));

        await Task.WhenAll(writes);

        await Assert.ThrowsAsync<PostgresException>(() => orphan);
        Assert.Equal(40, (await storage.GatekeeperRows.GetUserAppointmentsAsync(TowerKey.Default, owner, None)).Count);
    }

    [Fact]
    public async Task A_full_disk_inside_a_batch_fails_every_write_of_it_and_stores_none()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var storage = await OpenAsync(database, lanes: 1);
        var (held, owner) = (await RegisterAsync(storage), await RegisterAsync(storage));
        // The server is out of disk for large rows only: the next batch meets the fault in its middle.
        await ExecuteAsync(
            database,
            """
            CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$
            """);
        await ExecuteAsync(
            database,
            "CREATE TRIGGER disk_full BEFORE INSERT ON appointments FOR EACH ROW WHEN (length(NEW.encrypted_blob) > 100000) EXECUTE FUNCTION disk_full()");
        Task queued;
        Task[] writes;
        (AppointmentState First, AppointmentState Last) small;
        await using (var locker = new NpgsqlConnection(database))
        {
            // Holding the first owner's row keeps the lane's next batch (its one write) waiting, so the writes queued
            // meanwhile form the batch after it.
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await locker.Command("SELECT 1 FROM users FOR UPDATE").RunAsync(None);
            queued = StoreAsync(storage, TestAppointments.For(held));
            await WaitUntilWaitingAsync(database);
            small = (TestAppointments.For(owner), TestAppointments.For(owner));
            writes = [StoreAsync(storage, small.First), StoreAsync(storage, TestAppointments.For(owner, blobLength: 200_000)), StoreAsync(storage, small.Last)];
        }

        await queued;
        foreach (var write in writes)
            Assert.IsType<PostgresException>((await Assert.ThrowsAsync<StorageUnavailableException>(() => write)).InnerException);
        Assert.Empty(await storage.GatekeeperRows.GetUserAppointmentsAsync(TowerKey.Default, owner, None));
        await StoreAsync(storage, small.First);
    }

    [Fact]
    public async Task A_lost_connection_refuses_as_storage_unavailable_and_the_next_call_reconnects()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var storage = await OpenAsync(database, lanes: 1);
        var owner = await RegisterAsync(storage);
        var appointment = TestAppointments.For(owner);
        await StoreAsync(storage, appointment);
        Assert.Single(await storage.OperatorQueries.GetAppointmentsByLocatorAsync(TowerKey.Default, appointment.Locator, None));

        // The administrator ends every connection of the store: the lane's and the pooled reader's.
        await ExecuteAsync(
            database,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        Assert.True(await RefusalsUntilReconnectedAsync(() => storage.OperatorQueries.GetAppointmentsByLocatorAsync(TowerKey.Default, appointment.Locator, None)) > 0);
        Assert.True(await RefusalsUntilReconnectedAsync(() => StoreAsync(storage, TestAppointments.For(owner))) > 0);
        Assert.Equal(2, (await storage.GatekeeperRows.GetUserAppointmentsAsync(TowerKey.Default, owner, None)).Count);
    }

    [Fact]
    public async Task Burns_of_two_stores_crossing_over_the_same_users_all_land()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await OpenAsync(database, lanes: 2);
        await using var second = await OpenAsync(database, lanes: 2);
        var users = new[] { await RegisterAsync(first), await RegisterAsync(first) };
        var rows = new List<(UserId User, Protocol.Appointments.AppointmentUuid Uuid)>();
        foreach (var user in users)
        {
            for (var i = 0; i < 100; i++)
            {
                var appointment = TestAppointments.For(user);
                await StoreAsync(first, appointment);
                rows.Add((user, TestAppointments.UuidOf(appointment)));
            }
        }

        // Each burn deletes one row and rewrites its owner: batches of both stores lock the two users in any order.
        await Task.WhenAll(rows.Select((row, i) =>
            (i % 2 == 0 ? first : second).GatekeeperRows.BurnAsync(TowerKey.Default, row.User, row.Uuid, TestUsers.State(allowance: i), None)));

        Assert.Equal(new TowerCounts(2, 0, 0), await first.OperatorQueries.GetCountsAsync(TowerKey.Default, None));
    }

    /// <summary>Calls until the call succeeds (bounded); every failure on the way must be storage unavailable.</summary>
    private static async Task<int> RefusalsUntilReconnectedAsync(Func<Task> call)
    {
        for (var refusals = 0; refusals < 10; refusals++)
        {
            try
            {
                await call();
                return refusals;
            }
            catch (StorageUnavailableException)
            {
                // The connection was lost: this call is refused, a later one gets a new connection.
            }
        }

        throw new TimeoutException("the store did not reconnect");
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.Command(sql).RunAsync(None);
    }

    /// <summary>Waits (bounded) until a statement of the store waits for a row lock.</summary>
    private static async Task WaitUntilWaitingAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        for (var i = 0; i < 500; i++)
        {
            var waiting = (long)(await connection.Command(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'teosd' AND wait_event_type = 'Lock'")
                .ExecuteScalarAsync())!;
            if (waiting > 0)
                return;
            await Task.Delay(10);
        }

        throw new TimeoutException("the store's write never waited for the held row");
    }

    private static Task<PostgresStorage> OpenAsync(string database, int lanes = PostgresStorage.DefaultWriterLanes) =>
        PostgresStorage.OpenAsync(database, StorageBackend.Options, NullLogger.Instance, None, lanes);

    private static async Task<UserId> RegisterAsync(PostgresStorage storage)
    {
        var user = TestUsers.NewUserId();
        await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(user), new GrainState<UserState>(TestUsers.State()));
        return user;
    }

    private static Task StoreAsync(PostgresStorage storage, AppointmentState appointment) =>
        storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));
}
