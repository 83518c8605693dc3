using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Users;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>Group commit on PostgreSQL: many writes per transaction, each failing or deadlocking on its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGroupCommitTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Concurrent_writes_all_complete_with_far_fewer_commits()
    {
        await using var store = await OpenAsync(await postgres.Server.CreateDatabaseAsync());
        var users = Enumerable.Range(0, 500).Select(_ => TestUsers.Subscription()).ToArray();

        await Task.WhenAll(users.Select(user => Save(store, user)));

        Assert.Equal(500, (await store.GetCountsAsync(None)).Users);
        Assert.True(store.Commits <= 100, $"{store.Commits} commits for 500 writes");
    }

    [Fact]
    public async Task A_write_that_throws_after_writing_rolls_back_alone_and_the_rest_of_its_batch_commits()
    {
        await using var store = await OpenAsync(await postgres.Server.CreateDatabaseAsync(), lanes: 1);
        var (blocker, gate) = await HoldTheWriter(store);
        var before = TestUsers.Subscription();
        var failing = TestUsers.Subscription();
        var after = TestUsers.Subscription();
        var first = Save(store, before);
        var broken = store.WriteAsync<bool>(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(failing);
                throw new InvalidOperationException("broken rule");
            },
            None);
        var last = Save(store, after);

        gate.SetResult();

        await Task.WhenAll(blocker, first, last);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.NotNull(await store.GetSubscriptionAsync(before.UserId, None));
        Assert.NotNull(await store.GetSubscriptionAsync(after.UserId, None));
        Assert.Null(await store.GetSubscriptionAsync(failing.UserId, None));
    }

    [Fact]
    public async Task A_write_postgres_refuses_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var store = await OpenAsync(await postgres.Server.CreateDatabaseAsync(), lanes: 1);
        var (blocker, gate) = await HoldTheWriter(store);
        var before = TestUsers.Subscription();
        var after = TestUsers.Subscription();
        var first = Save(store, before);
        // The owner was never stored: the foreign key refuses the row and aborts the batch's transaction.
        var orphan = store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveAppointmentAsync(TestAppointments.For(TestUsers.Subscription()));
                return true;
            },
            None);
        var last = Save(store, after);

        gate.SetResult();

        await Task.WhenAll(blocker, first, last);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => orphan);
        Assert.NotNull(await store.GetSubscriptionAsync(before.UserId, None));
        Assert.NotNull(await store.GetSubscriptionAsync(after.UserId, None));
        Assert.Equal(0, await store.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task Two_stores_batches_that_deadlock_on_users_rows_still_charge_every_write_exactly_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await OpenAsync(database, lanes: 1);
        await using var second = await OpenAsync(database, lanes: 1);
        var (a, b) = (TestUsers.Subscription(slots: 100), TestUsers.Subscription(slots: 100));
        await Save(first, a);
        await Save(first, b);
        var (firstHeld, firstGate) = await HoldTheWriter(first);
        var (secondHeld, secondGate) = await HoldTheWriter(second);
        var aLocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bLocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each store's batch locks one user, waits until the other batch holds the other user, then wants it.
        var charges = new[]
        {
            Charge(first, a.UserId, lockedNow: aLocked, thenWaitFor: bLocked),
            Charge(first, b.UserId),
            Charge(second, b.UserId, lockedNow: bLocked, thenWaitFor: aLocked),
            Charge(second, a.UserId),
        };
        firstGate.SetResult();
        secondGate.SetResult();

        await Task.WhenAll([firstHeld, secondHeld, .. charges]);
        Assert.Equal(98u, (await first.GetSubscriptionAsync(a.UserId, None))!.AvailableSlots);
        Assert.Equal(98u, (await first.GetSubscriptionAsync(b.UserId, None))!.AvailableSlots);
        Assert.Equal(4, await first.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task Concurrent_batches_of_two_stores_over_shared_users_keep_slot_counts_exact()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await OpenAsync(database);
        await using var second = await OpenAsync(database);
        var users = Enumerable.Range(0, 8).Select(_ => TestUsers.Subscription(slots: 1000)).ToArray();
        foreach (var user in users)
            await Save(first, user);

        // Random users in random order from both stores: batches lock rows in clashing orders and some deadlock.
        var charges = Enumerable.Range(0, 400)
            .Select(i => (Store: i % 2 == 0 ? first : second, User: users[Random.Shared.Next(users.Length)].UserId))
            .ToArray();
        await Task.WhenAll(charges.Select(charge => Task.Run(() => Charge(charge.Store, charge.User))));

        foreach (var user in users)
        {
            var charged = charges.Count(charge => charge.User == user.UserId);
            Assert.Equal(1000u - (uint)charged, (await first.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
        }

        Assert.Equal(400, await second.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task Closing_the_store_finishes_the_queued_writes_first()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var store = await OpenAsync(database);
        var writes = Enumerable.Range(0, 50).Select(_ => Save(store, TestUsers.Subscription())).ToArray();

        await store.DisposeAsync();

        await Task.WhenAll(writes);
        await using var reopened = await OpenAsync(database);
        Assert.Equal(50, (await reopened.GetCountsAsync(None)).Users);
    }

    private static Task<PostgresTowerStore> OpenAsync(string database, int lanes = PostgresTowerStore.DefaultWriterLanes) =>
        PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None, lanes);

    /// <summary>Takes one slot and stores an appointment, as add_appointment does.</summary>
    private static Task<bool> Charge(
        PostgresTowerStore store, Protocol.Users.UserId userId, TaskCompletionSource? lockedNow = null, TaskCompletionSource? thenWaitFor = null) =>
        store.WriteAsync(
            async (transaction, _) =>
            {
                var current = (await transaction.GetSubscriptionForUpdateAsync(userId))!;
                await transaction.SaveSubscriptionAsync(current with { AvailableSlots = current.AvailableSlots - 1 });
                await transaction.SaveAppointmentAsync(TestAppointments.For(current));
                lockedNow?.TrySetResult();
                if (thenWaitFor is not null)
                    await thenWaitFor.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return true;
            },
            None);

    /// <summary>Keeps a one-lane store's writer busy until the gate opens: what is queued meanwhile forms the next batch.</summary>
    private static async Task<(Task<bool> Blocker, TaskCompletionSource Gate)> HoldTheWriter(PostgresTowerStore store)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = store.WriteAsync(
            async (_, _) =>
            {
                started.SetResult();
                await gate.Task;
                return true;
            },
            None);
        await started.Task;
        return (blocker, gate);
    }

    private static Task<bool> Save(PostgresTowerStore store, Subscription subscription) => store.WriteAsync(
        async (transaction, _) =>
        {
            await transaction.SaveSubscriptionAsync(subscription);
            return true;
        },
        None);
}
