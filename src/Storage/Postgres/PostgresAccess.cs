using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>What every PostgreSQL provider and port shares: pooled connections for reads, the writer lanes for writes.</summary>
internal sealed class PostgresAccess(NpgsqlDataSource dataSource, PostgresGroupCommitWriter writer)
{
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Statements that commit together, group-committed; durable when the task completes.</summary>
    public Task<int> WriteAsync(Func<IReadOnlyList<NpgsqlBatchCommand>> statements, CancellationToken cancellationToken) =>
        writer.Enqueue(statements, cancellationToken);

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> ReadListAsync<T>(string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, params object[] values) =>
        await ReadAsync((connection, token) => connection.Command(sql, values).ListAsync(row, token), cancellationToken).ConfigureAwait(false);
}
