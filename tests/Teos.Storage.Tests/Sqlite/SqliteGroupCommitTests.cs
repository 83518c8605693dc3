using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Store;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

public sealed class SqliteGroupCommitTests(ITestOutputHelper output) : IAsyncLifetime
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

    [Theory]
    [InlineData(500)]
    [InlineData(2000)]
    public async Task Concurrent_writes_all_complete_with_far_fewer_commits(int writes)
    {
        var users = Enumerable.Range(0, writes).Select(_ => TestUsers.Subscription()).ToArray();
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(users.Select(user => _store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(user);
                return true;
            },
            CancellationToken.None)));

        stopwatch.Stop();
        output.WriteLine(
            $"{writes} concurrent writes: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {writes / stopwatch.Elapsed.TotalSeconds:F0} writes/s, {_store.Commits} commits");
        Assert.Equal(writes, (await _store.GetCountsAsync(CancellationToken.None)).Users);
        Assert.True(_store.Commits <= writes / 10, $"{_store.Commits} commits for {writes} writes");
    }

    [Fact]
    public async Task One_failing_write_in_a_batch_rolls_back_alone()
    {
        var (blocker, gate) = await HoldTheWriter();
        var before = TestUsers.Subscription();
        var failing = TestUsers.Subscription();
        var after = TestUsers.Subscription();
        var first = Save(before);
        var broken = _store.WriteAsync<bool>(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(failing);
                throw new InvalidOperationException("broken rule");
            },
            CancellationToken.None);
        var last = Save(after);

        gate.SetResult();

        await Task.WhenAll(blocker, first, last);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken);
        Assert.NotNull(await _store.GetSubscriptionAsync(before.UserId, CancellationToken.None));
        Assert.NotNull(await _store.GetSubscriptionAsync(after.UserId, CancellationToken.None));
        Assert.Null(await _store.GetSubscriptionAsync(failing.UserId, CancellationToken.None));
        Assert.Equal(2, _store.Commits);
    }

    [Fact]
    public async Task A_write_canceled_while_queued_is_removed_and_the_rest_of_the_batch_commits()
    {
        var (blocker, gate) = await HoldTheWriter();
        using var cancellation = new CancellationTokenSource();
        var dropped = TestUsers.Subscription();
        var kept = TestUsers.Subscription();
        var canceled = _store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(dropped);
                return true;
            },
            cancellation.Token);
        var saved = Save(kept);

        await cancellation.CancelAsync();
        gate.SetResult();

        await Task.WhenAll(blocker, saved);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.Null(await _store.GetSubscriptionAsync(dropped.UserId, CancellationToken.None));
        Assert.NotNull(await _store.GetSubscriptionAsync(kept.UserId, CancellationToken.None));
        Assert.Equal(2, _store.Commits);
    }

    [Fact]
    public async Task Closing_the_store_finishes_the_queued_writes_first()
    {
        var users = Enumerable.Range(0, 50).Select(_ => TestUsers.Subscription()).ToArray();
        var writes = users.Select(Save).ToArray();

        await _store.DisposeAsync();

        await Task.WhenAll(writes);
        _store = SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance);
        Assert.Equal(50, (await _store.GetCountsAsync(CancellationToken.None)).Users);
    }

    [Fact]
    public async Task A_closed_store_refuses_writes()
    {
        await _store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Save(TestUsers.Subscription()));
    }

    /// <summary>Starts a write that keeps the writer busy until the gate opens: what is queued meanwhile forms the next batch.</summary>
    private async Task<(Task<bool> Blocker, TaskCompletionSource Gate)> HoldTheWriter()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _store.WriteAsync(
            async (_, _) =>
            {
                started.SetResult();
                await gate.Task;
                return true;
            },
            CancellationToken.None);
        await started.Task;
        return (blocker, gate);
    }

    private Task<bool> Save(Grains.Users.Subscription subscription) => _store.WriteAsync(
        async (transaction, _) =>
        {
            await transaction.SaveSubscriptionAsync(subscription);
            return true;
        },
        CancellationToken.None);
}
