using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Teos.Grains.Store;
using Teos.Storage.LocatorCache;
using Teos.Storage.Writes;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The single writer: drains every pending write into one transaction, isolates each in a savepoint, commits
/// once, and hands the batch to the <see cref="WalFlusher"/>, which completes the callers' tasks after the sync,
/// so no answer leaves before its data is durable. Work items run one after another and see the uncommitted
/// writes of those before them.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteItem> _queue =
        Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly StoreConnection _connection;
    private readonly SqliteTowerTransaction _transaction;
    private readonly WalFlusher _flusher;
    private readonly WalBound _walBound;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private long _commits;

    public GroupCommitWriter(StoreConnection connection, WalFlusher flusher, WalBound walBound, ILogger logger, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _connection = connection;
        _flusher = flusher;
        _walBound = walBound;
        _transaction = new SqliteTowerTransaction(connection, new RecentBlockMemory());
        _logger = logger;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues the work. It must not wait on another write: it would wait on its own batch forever.</summary>
    public Task<T> Enqueue<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        WriteItem<T>.Queue(_queue.Writer, work, cancellationToken, nameof(SqliteTowerStore));

    /// <summary>Stops taking work, finishes what is queued, and waits until the last commit is durable.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _flusher.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteItem>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                if (item.TryStart())
                    batch.Add(item);
            }

            if (batch.Count > 0)
                await ExecuteBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task ExecuteBatchAsync(List<WriteItem> batch)
    {
        var done = new List<WriteItem>(batch.Count);
        var next = 0;
        try
        {
            // IMMEDIATE takes the write lock up front, so no statement inside can fail with SQLITE_BUSY midway.
            _connection.Execute("BEGIN IMMEDIATE");
            for (; next < batch.Count; next++)
            {
                var item = batch[next];
                _connection.Execute("SAVEPOINT item");
                _transaction.StartItem();
                try
                {
                    await item.ExecuteAsync(_transaction).ConfigureAwait(false);
                    _connection.Execute("RELEASE item");
                    done.Add(item);
                }
                catch (Exception exception) when (!StorageFaults.IsFault(exception))
                {
                    SqliteStoreLog.ItemFailed(_logger, exception);
                    // Only this item's changes go; if even that fails, the outer catch gives up on the batch.
                    _connection.Execute("ROLLBACK TO item");
                    _connection.Execute("RELEASE item");
                    item.Fail(exception);
                }
            }

            if (done.Count == 0)
            {
                _connection.Execute("ROLLBACK");
                return;
            }

            _connection.Execute("COMMIT");
        }
        catch (Exception exception)
        {
            // A storage fault inside an item lands here too: SQLite may have rolled the whole transaction back
            // (disk full, I/O error), so no savepoint is left to return to, and the batch fails with it.
            if (StorageFaults.IsFault(exception))
                SqliteStoreLog.BatchRefused(_logger, batch.Count, exception.Message);
            else
                SqliteStoreLog.BatchFailed(_logger, exception, batch.Count);
            RollBackQuietly();
            foreach (var item in done)
                item.Fail(exception);
            for (; next < batch.Count; next++)
                batch[next].Fail(exception);
            return;
        }

        Interlocked.Increment(ref _commits);
        SqliteStoreMetrics.Commits.Add(1);
        SqliteStoreMetrics.BatchSize.Record(done.Count);
        _flusher.Enqueue(done);
        _walBound.AfterCommit();
    }

    private void RollBackQuietly()
    {
        try
        {
            if (!_connection.Connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Connection.Handle) == 0)
                _connection.Execute("ROLLBACK");
        }
        catch (Exception exception)
        {
            // The connection is no longer in a transaction or is broken; the next batch's BEGIN will tell.
            SqliteStoreLog.ItemFailed(_logger, exception);
        }
    }
}
