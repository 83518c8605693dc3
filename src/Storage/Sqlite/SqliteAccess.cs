namespace Teos.Storage.Sqlite;

/// <summary>What every SQLite provider and port shares: the one group-committing writer and the reader pool.</summary>
internal sealed class SqliteAccess(GroupCommitWriter writer, ReaderPool readers)
{
    public ReaderPool Readers => readers;

    /// <summary>Work on the writer's connection, durable when the task completes.</summary>
    public Task<T> WriteAsync<T>(Func<StoreConnection, T> work, CancellationToken cancellationToken) => writer.Enqueue(work, cancellationToken);

    public Task WriteAsync(Action<StoreConnection> work, CancellationToken cancellationToken) =>
        writer.Enqueue(
            connection =>
            {
                work(connection);
                return true;
            },
            cancellationToken);

    public Task<T> ReadAsync<T>(Func<StoreConnection, T> read, CancellationToken cancellationToken) => readers.ReadAsync(read, cancellationToken);
}
