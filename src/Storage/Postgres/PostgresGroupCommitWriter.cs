using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.Store;
using Teos.Storage.LocatorCache;
using Teos.Storage.Writes;

namespace Teos.Storage.Postgres;

/// <summary>
/// Group commit for PostgreSQL: queued writes are drained by a few writer lanes, each of which runs a batch of
/// them in one transaction on its own long-lived connection and commits once (one WAL flush, one lock round trip
/// for the batch). Several lanes overlap one batch's commit with the next batch's statements. Writes that must not
/// share a transaction, and the writes of a batch that hit a deadlock or serialization failure, run here alone,
/// each in its own transaction, retried on those two errors as before group commit.
/// </summary>
internal sealed class PostgresGroupCommitWriter : IAsyncDisposable
{
    /// <summary>Attempts per lone write when PostgreSQL reports a serialization failure or a deadlock.</summary>
    public const int MaxAttempts = 5;

    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>();
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly PostgresWriterLane[] _lanes;
    private readonly Task[] _loops;
    private readonly HashSet<Task> _loneWrites = [];
    private long _commits;

    public PostgresGroupCommitWriter(NpgsqlDataSource dataSource, ILogger logger, int lanes, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _dataSource = dataSource;
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, lanes).Select(_ => new PostgresWriterLane(this, dataSource, logger, maxBatch))];
        _loops = [.. _lanes.Select(lane => Task.Run(() => lane.RunAsync(_queue.Reader)))];
    }

    /// <summary>This silo's memory of the cached blocks' transactions, shared by every transaction it runs.</summary>
    public RecentBlockMemory RecentBlocks { get; } = new();

    /// <summary>Batches committed by the lanes (lone writes not counted).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues the work. It must not wait on another write: it could wait on its own batch forever.</summary>
    public Task<T> Enqueue<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        WriteItem<T>.Queue(_queue.Writer, work, cancellationToken, nameof(PostgresTowerStore));

    /// <summary>Stops taking work, finishes what is queued, and waits for the last commit.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        Task[] lone;
        lock (_loneWrites)
            lone = [.. _loneWrites];
        await Task.WhenAll(lone).ConfigureAwait(false);
    }

    public static bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    internal void BatchCommitted() => Interlocked.Increment(ref _commits);

    /// <summary>Runs an item that left (or never entered) a batch in its own transaction, off the lane.</summary>
    internal void RunAlone(WriteItem item)
    {
        var task = Task.Run(() => RunAloneAsync(item));
        lock (_loneWrites)
            _loneWrites.Add(task);
        task.ContinueWith(
            finished =>
            {
                lock (_loneWrites)
                    _loneWrites.Remove(finished);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAloneAsync(WriteItem item)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                item.CancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(item.CancellationToken).ConfigureAwait(false);
                    await using var transaction = await connection.BeginTransactionAsync(item.CancellationToken).ConfigureAwait(false);
                    await item.ExecuteAsync(PostgresTowerTransaction.Alone(connection, RecentBlocks, item.CancellationToken)).ConfigureAwait(false);
                    // Not cancellable: once the work is done, the caller learns the commit's real outcome.
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts)
                {
                    // The transaction was rolled back whole, so the work can run again from the start.
                    PostgresStoreLog.Retrying(_logger, ((PostgresException)e).SqlState, attempt);
                    await Task.Delay(Random.Shared.Next(1, 10 * attempt), item.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            item.Fail(e);
            return;
        }

        item.Complete();
    }
}
