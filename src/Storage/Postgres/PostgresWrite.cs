using System.Threading.Channels;
using Npgsql;
using Teos.Storage.Writes;

namespace Teos.Storage.Postgres;

/// <summary>
/// One caller's write for the PostgreSQL writer lanes: statements that must commit together, made afresh for each
/// run (a batch may run them again after a rollback). Its result is the rows they changed.
/// </summary>
internal sealed class PostgresWrite(Func<IReadOnlyList<NpgsqlBatchCommand>> statements, CancellationToken cancellationToken)
    : WriteCompletion<int>(cancellationToken)
{
    private IReadOnlyList<NpgsqlBatchCommand> _running = [];

    /// <summary>Queues the write; a closed queue (the store is disposed) refuses it at once.</summary>
    public static Task<int> Queue(ChannelWriter<PostgresWrite> queue, Func<IReadOnlyList<NpgsqlBatchCommand>> statements, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return System.Threading.Tasks.Task.FromCanceled<int>(cancellationToken);
        var item = new PostgresWrite(statements, cancellationToken);
        if (!queue.TryWrite(item))
            item.Fail(new ObjectDisposedException(nameof(PostgresStorage), "The store is closed"));
        return item.Task;
    }

    /// <summary>This run's statements, added to <paramref name="batch"/>.</summary>
    public void AddTo(NpgsqlBatch batch)
    {
        _running = statements();
        foreach (var statement in _running)
            batch.BatchCommands.Add(statement);
    }

    public int Statements => _running.Count;

    public bool Owns(NpgsqlBatchCommand? statement) => statement is not null && _running.Contains(statement);

    /// <summary>Takes the rows changed by this run's statements, once they ran.</summary>
    public void Ran() => Result = _running.Sum(statement => Math.Max(0, statement.RecordsAffected));
}
