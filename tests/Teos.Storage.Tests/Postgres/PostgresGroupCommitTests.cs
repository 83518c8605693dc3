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

namespace Teos.Storage.Tests.Postgres;

/// <summary>Group commit on PostgreSQL: many writes per transaction, each refused or deadlocking on its own.</summary>
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
