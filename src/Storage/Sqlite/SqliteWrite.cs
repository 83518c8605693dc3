using System.Threading.Channels;
using Teos.Storage.Writes;

namespace Teos.Storage.Sqlite;

/// <summary>Synchronous work on the writer's connection, inside its savepoint in the writer's batch transaction.</summary>
internal sealed class SqliteWrite<T>(Func<StoreConnection, T> work, CancellationToken cancellationToken) : WriteCompletion<T>(cancellationToken), ISqliteWrite
{
    /// <summary>Queues the work; a closed queue (the store is disposed) refuses it at once.</summary>
    public static Task<T> Queue(ChannelWriter<ISqliteWrite> queue, Func<StoreConnection, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return System.Threading.Tasks.Task.FromCanceled<T>(cancellationToken);
        var item = new SqliteWrite<T>(work, cancellationToken);
        if (!queue.TryWrite(item))
            item.Fail(new ObjectDisposedException(nameof(SqliteStorage), "The store is closed"));
        return item.Task;
    }

    public void Execute(StoreConnection connection) => Result = work(connection);
}

/// <summary>What the SQLite writer runs: a <see cref="SqliteWrite{T}"/> of any result type.</summary>
internal interface ISqliteWrite
{
    bool TryStart();

    void Execute(StoreConnection connection);

    void Complete();

    void Fail(Exception exception);
}
