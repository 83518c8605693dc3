using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Makes committed batches durable and only then lets their answers leave. The writer commits with
/// <c>synchronous = NORMAL</c>, so COMMIT returns once the WAL frames are written but not yet synced; the sync
/// happens here, on another thread, while the writer already runs the next batch. Without this the writer sat
/// idle in fsync for about two thirds of its time. One sync covers every batch committed before it started, so
/// batches that pile up during a slow sync share the next one.
/// </summary>
/// <remarks>
/// Syncing any descriptor of the WAL file flushes all of its written pages, whoever wrote them. The WAL file keeps
/// its identity while the writer connection is open: SQLite only deletes it when the last connection closes,
/// and the store closes its writer after this flusher. A checkpoint syncs the WAL itself before copying from it.
/// </remarks>
internal sealed class WalFlusher : IAsyncDisposable
{
    private readonly Channel<IReadOnlyList<ISqliteWrite>> _committed =
        Channel.CreateUnbounded<IReadOnlyList<ISqliteWrite>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly Action _sync;
    private readonly IDisposable? _syncTarget;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _syncs;

    /// <param name="sync">Makes everything committed so far durable; blocking.</param>
    /// <param name="syncTarget">What <paramref name="sync"/> uses, closed after the last sync.</param>
    public WalFlusher(Action sync, IDisposable? syncTarget, ILogger logger)
    {
        _sync = sync;
        _syncTarget = syncTarget;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Syncs through a descriptor of the database's WAL file, which must exist (it does once the database was written).</summary>
    public static WalFlusher ForDatabase(string databasePath, ILogger logger)
    {
        SafeFileHandle wal = File.OpenHandle(databasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new WalFlusher(() => RandomAccess.FlushToDisk(wal), wal, logger);
    }

    /// <summary>WAL syncs so far; each one acknowledged one or more batches.</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Hands over a committed batch; its items complete after the next sync.</summary>
    public void Enqueue(IReadOnlyList<ISqliteWrite> batch)
    {
        if (!_committed.Writer.TryWrite(batch))
            FailAll([batch], new ObjectDisposedException(nameof(SqliteStorage), "The store is closed"));
    }

    /// <summary>Syncs and acknowledges what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _committed.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _syncTarget?.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _committed.Reader;
        var pending = new List<IReadOnlyList<ISqliteWrite>>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
                pending.Add(batch);

            try
            {
                _sync();
            }
            catch (Exception exception)
            {
                // The batches are committed but maybe not on disk: their callers must not be told they are. A fault of
                // the machine (the disk) is one line: its stack says nothing.
                if (StorageFaults.IsFault(exception))
                    SqliteStoreLog.SyncRefused(_logger, pending.Sum(batch => batch.Count), exception.Message);
                else
                    SqliteStoreLog.SyncFailed(_logger, exception, pending.Sum(batch => batch.Count));
                FailAll(pending, exception);
                pending.Clear();
                continue;
            }

            Interlocked.Increment(ref _syncs);
            foreach (var batch in pending)
            {
                foreach (var item in batch)
                    item.Complete();
            }

            pending.Clear();
        }
    }

    private static void FailAll(IEnumerable<IReadOnlyList<ISqliteWrite>> batches, Exception exception)
    {
        foreach (var batch in batches)
        {
            foreach (var item in batch)
                item.Fail(exception);
        }
    }
}
