using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The single writer of the SQLite store: every write of every provider and port comes here. It drains the pending
/// writes into one transaction, isolates each in a savepoint, commits once, and hands the batch to the
/// <see cref="WalFlusher"/>, which completes the callers' tasks after the sync, so no answer leaves before its data
/// is durable. Work items run one after another and see the uncommitted writes of those before them. A write that
/// fails goes alone; a fault of the machine (disk full, I/O error) fails the whole batch, uncommitted. After each
/// commit the <see cref="WalBound"/> keeps the WAL within its bound.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<ISqliteWrite> _queue =
        Channel.CreateUnbounded<ISqliteWrite>(new UnboundedChannelOptions { SingleReader = true });

    private readonly StoreConnection _connection;
    private readonly WalFlusher _flusher;
    private readonly WalBound _walBound;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private long _commits;
    private long _writes;
    private long _statements;

    public GroupCommitWriter(StoreConnection connection, WalFlusher flusher, WalBound walBound, ILogger logger, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _connection = connection;
        _flusher = flusher;
        _walBound = walBound;
        _logger = logger;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed so far (one per caller's work item).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>SQL statements the committed writes ran (the writer's own BEGIN, SAVEPOINT and COMMIT not counted).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <summary>
    /// Queues synchronous work on the writer's connection; its result comes back once durable. The work must not
    /// wait on another write: it would wait on its own batch forever.
    /// </summary>
    public Task<T> Enqueue<T>(Func<StoreConnection, T> work, CancellationToken cancellationToken) =>
        SqliteWrite<T>.Queue(_queue.Writer, work, cancellationToken);

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
        var batch = new List<ISqliteWrite>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                if (item.TryStart())
                    batch.Add(item);
            }

            if (batch.Count > 0)
                ExecuteBatch(batch);
            batch.Clear();
        }
    }

    private void ExecuteBatch(List<ISqliteWrite> batch)
    {
        var done = new List<ISqliteWrite>(batch.Count);
        long statements = 0;
        var next = 0;
        try
        {
            // IMMEDIATE takes the write lock up front, so no statement inside can fail with SQLITE_BUSY midway.
            _connection.Execute("BEGIN IMMEDIATE");
            for (; next < batch.Count; next++)
            {
                var item = batch[next];
                _connection.Execute("SAVEPOINT item");
                var before = _connection.Statements;
                try
                {
                    item.Execute(_connection);
                    statements += _connection.Statements - before;
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
            // A fault inside a write lands here too: SQLite may have rolled the whole transaction back (disk full,
            // I/O error), so no savepoint is left to return to, and the batch fails with it. Each caller reports it.
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
        Interlocked.Add(ref _writes, done.Count);
        Interlocked.Add(ref _statements, statements);
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
