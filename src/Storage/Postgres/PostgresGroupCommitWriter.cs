using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// Group commit for PostgreSQL: queued writes are drained by a few writer lanes, each of which sends a batch of them
/// as one transaction on its own long-lived connection (BEGIN, every write's statements and COMMIT in two round
/// trips: one WAL flush, one commit for the batch). Several lanes overlap one batch's commit with the next batch's
/// statements. Writes of a batch that hit a deadlock or serialization failure run again alone, each in its own
/// transaction, retried on those two errors.
/// </summary>
internal sealed class PostgresGroupCommitWriter : IAsyncDisposable
{
    /// <summary>Attempts per lone write when PostgreSQL reports a serialization failure or a deadlock.</summary>
    public const int MaxAttempts = 5;

    private readonly Channel<PostgresWrite> _queue = Channel.CreateUnbounded<PostgresWrite>();
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly Task[] _loops;
    private readonly HashSet<Task> _loneWrites = [];
    private long _commits;
    private long _writes;
    private long _statements;

    public PostgresGroupCommitWriter(NpgsqlDataSource dataSource, ILogger logger, int lanes, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _dataSource = dataSource;
        _logger = logger;
        _loops = [.. Enumerable.Range(0, lanes).Select(_ => Task.Run(() => new PostgresWriterLane(this, dataSource, logger, maxBatch).RunAsync(_queue.Reader)))];
    }

    /// <summary>Batches committed by the lanes (lone writes not counted).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed so far, batched or alone.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Statements the committed writes ran.</summary>
    public long Statements => Interlocked.Read(ref _statements);

    /// <summary>Queues statements that commit together; the task completes once they are durable.</summary>
    public Task<int> Enqueue(Func<IReadOnlyList<NpgsqlBatchCommand>> statements, CancellationToken cancellationToken) =>
        PostgresWrite.Queue(_queue.Writer, statements, cancellationToken);

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

    internal void Committed(IReadOnlyCollection<PostgresWrite> writes, bool batch)
    {
        if (batch)
            Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes.Count);
        Interlocked.Add(ref _statements, writes.Sum(write => write.Statements));
        foreach (var write in writes)
            write.Complete();
    }

    /// <summary>Runs a write that left its batch in its own transaction, off the lane.</summary>
    internal void RunAlone(PostgresWrite write)
    {
        var task = Task.Run(() => RunAloneAsync(write));
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

    private async Task RunAloneAsync(PostgresWrite write)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                write.CancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(write.CancellationToken).ConfigureAwait(false);
                    await using var transaction = await connection.BeginTransactionAsync(write.CancellationToken).ConfigureAwait(false);
                    await using var batch = new NpgsqlBatch(connection, transaction);
                    write.AddTo(batch);
                    await batch.ExecuteNonQueryAsync(write.CancellationToken).ConfigureAwait(false);
                    write.Ran();
                    // Not cancellable: once the work is sent, the caller learns the commit's real outcome.
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts)
                {
                    // The transaction was rolled back whole, so the write can run again from the start.
                    PostgresStoreLog.Retrying(_logger, ((PostgresException)e).SqlState, attempt);
                    await Task.Delay(Random.Shared.Next(1, 10 * attempt), write.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            write.Fail(e);
            return;
        }

        Committed([write], batch: false);
    }
}
