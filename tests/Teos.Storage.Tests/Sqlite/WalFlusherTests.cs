using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Storage;
using Teos.Storage.Sqlite;
using Teos.TestSupport.Logging;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>Answers leave only after the sync that makes their batch durable.</summary>
public sealed class WalFlusherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_committed_batch_completes_only_after_the_sync()
    {
        using var syncing = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await using var flusher = new WalFlusher(() => { syncing.Release(); release.Wait(); }, null, NullLogger.Instance);
        var item = StartedItem();

        flusher.Enqueue([item]);
        Assert.True(await syncing.WaitAsync(Timeout));

        Assert.False(item.Task.IsCompleted);
        release.Release();
        Assert.True(await item.Task.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Batches_committed_during_a_sync_share_the_next_one()
    {
        var syncs = 0;
        using var syncing = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        await using var flusher = new WalFlusher(
            () =>
            {
                Interlocked.Increment(ref syncs);
                syncing.Release();
                release.Wait();
            },
            null,
            NullLogger.Instance);
        var first = StartedItem();
        flusher.Enqueue([first]);
        Assert.True(await syncing.WaitAsync(Timeout));
        var later = Enumerable.Range(0, 5).Select(_ => StartedItem()).ToArray();
        foreach (var item in later)
            flusher.Enqueue([item]);

        release.Release(2);
        await Task.WhenAll(later.Select(item => item.Task)).WaitAsync(Timeout);

        Assert.True(await first.Task);
        Assert.Equal(2, syncs);
        Assert.Equal(2, flusher.Syncs);
    }

    [Fact]
    public async Task A_failed_sync_refuses_its_writes_and_the_next_sync_acknowledges_later_ones()
    {
        var calls = 0;
        using var log = new LogCapture();
        var logger = log.CreateLogger("store");
        await using var flusher = new WalFlusher(
            () =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                    throw new IOException("disk gone");
            },
            null,
            logger);
        var lost = StartedItem();
        flusher.Enqueue([lost]);
        // A failed sync is the machine's fault: the caller answers 503.
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => lost.Task.WaitAsync(Timeout));
        Assert.IsType<IOException>(refused.InnerException);
        // One line for the operator, without a stack: the disk failed, not the code.
        var line = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Critical, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("disk gone", line.Message, StringComparison.Ordinal);

        var kept = StartedItem();
        flusher.Enqueue([kept]);

        Assert.True(await kept.Task.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Closing_syncs_what_is_queued_and_then_closes_the_file()
    {
        var target = new DisposalProbe();
        var flusher = new WalFlusher(() => { }, target, NullLogger.Instance);
        var item = StartedItem();
        flusher.Enqueue([item]);

        await flusher.DisposeAsync();

        Assert.True(item.Task.IsCompletedSuccessfully);
        Assert.True(target.Disposed);
        var late = StartedItem();
        flusher.Enqueue([late]);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => late.Task);
    }

    private static SqliteWrite<bool> StartedItem()
    {
        var item = new SqliteWrite<bool>(_ => true, CancellationToken.None);
        Assert.True(item.TryStart());
        item.Execute(null!);
        return item;
    }

    private sealed class DisposalProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
