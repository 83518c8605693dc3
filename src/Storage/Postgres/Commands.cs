using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>Positional commands ($1, $2, ...): values bind in order, typed by their CLR type (byte[] is bytea).</summary>
internal static class Commands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>The statements in one round trip, in order.</summary>
    public static async Task Run(NpgsqlConnection connection, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
            batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task Run(NpgsqlConnection connection, NpgsqlBatchCommand command, CancellationToken cancellationToken) =>
        Run(connection, [command], cancellationToken);

    /// <summary>
    /// Moves <paramref name="reader"/> to the next statement that returns rows, past those that return none (the
    /// writes sent ahead of a read in the same round trip); false when there is none.
    /// </summary>
    public static async Task<bool> NextRowsAsync(this NpgsqlDataReader reader, bool first, CancellationToken cancellationToken)
    {
        if (!first && !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            return false;
        while (reader.FieldCount == 0)
        {
            if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                return false;
        }

        return true;
    }

    /// <summary>Reads every row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                rows.Add(read(reader));
            return rows;
        }
    }

    public static async Task<T?> SingleOrDefaultAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await command.ListAsync(read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
            return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
