using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// What every PostgreSQL provider and port shares: pooled connections for reads, the writer lanes for writes. A
/// fault of the machine (disk full, I/O error, server unreachable) leaves here as a
/// <see cref="Grains.Storage.StorageUnavailableException"/>, the writes' through their completion.
/// </summary>
internal sealed class PostgresAccess(NpgsqlDataSource dataSource, PostgresGroupCommitWriter writer)
{
    /// <summary>Statements that commit together, group-committed; durable when the task completes.</summary>
    public Task<int> WriteAsync(Func<IReadOnlyList<NpgsqlBatchCommand>> statements, CancellationToken cancellationToken) =>
        writer.Enqueue(statements, cancellationToken);

    /// <summary>Work on a pooled connection of its own: reads, and the rare write that needs its own transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFaults.IsFault(exception))
        {
            throw StorageFaults.Translate(exception);
        }
    }

    public async Task<IReadOnlyList<T>> ReadListAsync<T>(string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, params object[] values) =>
        await ReadAsync((connection, token) => connection.Command(sql, values).ListAsync(row, token), cancellationToken).ConfigureAwait(false);
}
