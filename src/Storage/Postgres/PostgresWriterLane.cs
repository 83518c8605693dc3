using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// One writer connection of the <see cref="PostgresGroupCommitWriter"/>. It takes whatever writes are queued (up to a
/// batch), sends all their statements in one transaction, commits once and only then completes their callers, so no
/// answer leaves before its data is durable. When a statement fails, PostgreSQL names it: the transaction is rolled
/// back, its write fails alone, and the others run again in a fresh transaction without it. A fault of the machine
/// (disk full, I/O error, the connection lost) is nobody's write: the whole batch fails with it.
/// </summary>
internal sealed class PostgresWriterLane(PostgresGroupCommitWriter writer, NpgsqlDataSource dataSource, ILogger logger, int maxBatch)
{
    private NpgsqlConnection? _connection;

    public async Task RunAsync(ChannelReader<PostgresWrite> queue)
    {
        var batch = new List<PostgresWrite>(maxBatch);
        try
        {
            while (await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < maxBatch && queue.TryRead(out var write))
                {
                    if (write.TryStart())
                        batch.Add(write);
                }

                var pending = batch;
                while (pending.Count > 0)
                    pending = await CommitAsync(pending).ConfigureAwait(false);
                batch.Clear();
            }
        }
        finally
        {
            await CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs the writes in one transaction; returns those to run again in a fresh one.</summary>
    private async Task<List<PostgresWrite>> CommitAsync(List<PostgresWrite> writes)
    {
        try
        {
            var connection = await OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var write in writes)
                write.AddTo(batch);
            try
            {
                // Not cancellable: a canceled statement would abort every write of the batch, not one.
                await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (PostgresException failure) when (!StorageFaults.IsFault(failure))
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                if (PostgresGroupCommitWriter.IsTransient(failure) || writes.FirstOrDefault(write => write.Owns(failure.BatchCommand)) is not { } culprit)
                {
                    // A deadlock with another silo's batch (or a lane's): the rollback frees the other side; each
                    // write then runs in its own transaction, which holds few rows and does not deadlock again.
                    PostgresStoreLog.BatchRunAlone(logger, failure, writes.Count);
                    foreach (var write in writes)
                        writer.RunAlone(write);
                    return [];
                }

                PostgresStoreLog.ItemFailed(logger, failure);
                culprit.Fail(failure);
                return [.. writes.Where(write => write != culprit)];
            }

            foreach (var write in writes)
                write.Ran();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // BEGIN, a rollback or the commit failed, or a statement met a fault of the machine: the connection or
            // the server is in trouble, and whether a failed commit took effect is unknown. Every write hears of the
            // failure (a fault as storage unavailable, which each caller reports); the next batch reconnects.
            if (StorageFaults.IsFault(exception))
                PostgresStoreLog.BatchRefused(logger, writes.Count, exception.Message);
            else
                PostgresStoreLog.BatchFailed(logger, exception, writes.Count);
            await CloseConnectionAsync().ConfigureAwait(false);
            foreach (var write in writes)
                write.Fail(exception);
            return [];
        }

        writer.Committed(writes, batch: true);
        return [];
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
            return _connection;
        await CloseConnectionAsync().ConfigureAwait(false);
        _connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        return _connection;
    }

    private async Task CloseConnectionAsync()
    {
        if (_connection is null)
            return;
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // A broken connection may fail to close cleanly; the pool discards it either way.
            PostgresStoreLog.WriterConnectionCloseFailed(logger, exception);
        }

        _connection = null;
    }
}
