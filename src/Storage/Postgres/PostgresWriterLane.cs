using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Storage.Writes;

namespace Teos.Storage.Postgres;

/// <summary>
/// One writer connection of the <see cref="PostgresGroupCommitWriter"/>. It takes whatever writes are queued
/// (up to a batch), runs them one after another in one transaction, commits once and only then completes their
/// callers, so no answer leaves before its data is durable. Items run without savepoints, which would cost two
/// round trips each: when one fails after it has sent statements, the transaction is rolled back and the others
/// run again in a fresh one without it (work is a pure function of the store, so running it again is safe).
/// The transaction takes the locator-cache lock in shared mode up front, together with BEGIN, so a batch never
/// waits for that lock while it holds users' rows, and lists the cached blocks once for all its items.
/// </summary>
internal sealed class PostgresWriterLane(PostgresGroupCommitWriter writer, NpgsqlDataSource dataSource, ILogger logger, int maxBatch)
{
    private NpgsqlConnection? _connection;

    public async Task RunAsync(ChannelReader<WriteItem> queue)
    {
        var batch = new List<WriteItem>(maxBatch);
        try
        {
            while (await queue.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < maxBatch && queue.TryRead(out var item))
                {
                    if (item.TryStart())
                        batch.Add(item);
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

    /// <summary>Runs the items in one transaction; returns those to run again in a fresh one.</summary>
    private async Task<List<WriteItem>> CommitAsync(List<WriteItem> items)
    {
        var done = new List<WriteItem>(items.Count);
        var next = 0;
        try
        {
            var connection = await OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            // BEGIN travels with the cache lock: one round trip. The statements are not cancellable: a canceled
            // statement would abort every item's work, not one.
            var work = await PostgresTowerTransaction.BatchAsync(connection, writer.RecentBlocks, CancellationToken.None).ConfigureAwait(false);
            Exception? failure = null;
            int culprit = -1;
            for (; next < items.Count && failure is null; next++)
            {
                var item = items[next];
                work.StartItem(next);
                try
                {
                    await item.ExecuteAsync(work).ConfigureAwait(false);
                    done.Add(item);
                }
                catch (Exception exception) when (work.ItemStatements == 0 && exception is not NpgsqlException)
                {
                    // Nothing was sent or deferred for this item: the transaction holds only the others' work.
                    SetAside(item, exception);
                }
                catch (Exception exception)
                {
                    // A statement may have failed in a round trip that also carried earlier items' deferred writes.
                    (failure, culprit) = (exception, exception is PostgresException ? work.LastRoundTripOwner ?? -1 : next);
                    next--;
                }
            }

            if (failure is null)
            {
                try
                {
                    await work.FlushAsync().ConfigureAwait(false);
                }
                catch (PostgresException exception)
                {
                    (failure, culprit) = (exception, work.LastRoundTripOwner ?? -1);
                }
            }

            if (failure is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                var rerun = done.Concat(items.Skip(next)).ToList();
                if (PostgresGroupCommitWriter.IsTransient(failure) || culprit < 0)
                {
                    // A deadlock with another silo's batch (or a lane's): the rollback frees the other side; each
                    // item then runs in its own transaction, which holds one user's row and cannot deadlock again.
                    // The same when the failed round trip carried several items' writes: alone, the culprit fails.
                    PostgresStoreLog.BatchRunAlone(logger, failure, rerun.Count);
                    foreach (var item in rerun)
                        writer.RunAlone(item);
                    return [];
                }

                rerun.Remove(items[culprit]);
                SetAside(items[culprit], failure);
                return rerun;
            }

            if (done.Count == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return [];
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // BEGIN, a rollback or the commit failed: the connection or the server is in trouble, and whether a
            // failed commit took effect is unknown. Every item hears of the failure; the next batch reconnects.
            if (StorageFaults.IsFault(exception))
                PostgresStoreLog.BatchRefused(logger, items.Count, exception.Message);
            else
                PostgresStoreLog.BatchFailed(logger, exception, items.Count);
            await CloseConnectionAsync().ConfigureAwait(false);
            foreach (var item in done)
                item.Fail(exception);
            for (; next < items.Count; next++)
                items[next].Fail(exception);
            return [];
        }

        writer.BatchCommitted();
        foreach (var item in done)
            item.Complete();
        return [];
    }

    /// <summary>An item that leaves the batch: the block feed's writes run alone, others fail alone.</summary>
    private void SetAside(WriteItem item, Exception exception)
    {
        if (exception is OwnTransactionRequiredException)
        {
            writer.RunAlone(item);
            return;
        }

        PostgresStoreLog.ItemFailed(logger, exception);
        item.Fail(exception);
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
