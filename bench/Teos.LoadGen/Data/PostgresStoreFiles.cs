using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Teos.Protocol.Encoding;

namespace Teos.LoadGen.Data;

/// <summary>
/// Bulk load into a stopped tower's PostgreSQL database (schema made by teosd itself): the secondary indexes
/// dropped, foreign-key triggers off for the session, binary COPY of users and appointments, indexes rebuilt with
/// the migration's definitions, then ANALYZE.
/// </summary>
public sealed class PostgresStoreFiles(string connectionString) : IStoreFiles
{
    public async Task<uint> TipHeightAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT height FROM chain_tip WHERE id = 0", connection);
        return (uint)(long)(await command.ExecuteScalarAsync())!;
    }

    public async Task LoadAsync(Dataset dataset, uint height)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "SET session_replication_role = replica");
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        // The uuid primary key stays; the secondary indexes are rebuilt after the copy from their definitions.
        var indexes = await SecondaryIndexesAsync(connection);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX {name}");

        await using (var users = await connection.BeginBinaryImportAsync(
            "COPY users (user_key, user_id, available_slots, subscription_start, subscription_expiry, profile) FROM STDIN (FORMAT BINARY)"))
        {
            for (var u = 0; u < dataset.Users.Length; u++)
            {
                await users.StartRowAsync();
                await users.WriteAsync(Dataset.UserKey(u), NpgsqlDbType.Integer);
                await users.WriteAsync(dataset.Users[u].Id.ToArray(), NpgsqlDbType.Bytea);
                await users.WriteAsync((long)(Dataset.Slots - (uint)dataset.CountOf(u)), NpgsqlDbType.Bigint);
                await users.WriteAsync((long)height, NpgsqlDbType.Bigint);
                await users.WriteAsync((long)height + 4320, NpgsqlDbType.Bigint);
                await users.WriteAsync((short)0, NpgsqlDbType.Smallint);
            }

            await users.CompleteAsync();
        }

        // The keys were given, not drawn: the users registered later must draw past them.
        await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('users', 'user_key'), (SELECT max(user_key) FROM users))");

        // Stored as the tower stores a canonical signature (migration 0006): tag 1, then the raw bytes.
        var signatures = dataset.UserSignatures.Select(text => (byte[])[1, .. ZBase32.Decode(text)]).ToArray();
        long done = 0;
        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY appointments (to_self_delay, start_block, profile, locator, uuid, user_key, encrypted_blob, user_signature) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var chunk in dataset.Chunks())
            {
                foreach (var row in chunk)
                {
                    await rows.StartRowAsync();
                    await rows.WriteAsync(unchecked((int)Dataset.ToSelfDelay), NpgsqlDbType.Integer);
                    await rows.WriteAsync(unchecked((int)height), NpgsqlDbType.Integer);
                    await rows.WriteAsync((short)0, NpgsqlDbType.Smallint);
                    await rows.WriteAsync(row.Locator, NpgsqlDbType.Bytea);
                    await rows.WriteAsync(row.Uuid, NpgsqlDbType.Bytea);
                    await rows.WriteAsync(Dataset.UserKey(row.UserIndex), NpgsqlDbType.Integer);
                    await rows.WriteAsync(row.Blob, NpgsqlDbType.Bytea);
                    await rows.WriteAsync(signatures[row.UserIndex], NpgsqlDbType.Bytea);
                }

                done += chunk.Length;
                if (done % 1_000_000 < Dataset.ChunkSize)
                    Console.WriteLine($"  {done:N0} rows, {clock.Elapsed.TotalSeconds:F0} s");
            }

            await rows.CompleteAsync();
        }

        Console.WriteLine($"  rows copied in {clock.Elapsed.TotalSeconds:F0} s; building indexes");
        foreach (var (_, definition) in indexes)
            await ExecuteAsync(connection, definition);
        await ExecuteAsync(connection, "ANALYZE");
        await ExecuteAsync(connection, "CHECKPOINT");
        Console.WriteLine($"  postgres load done in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public async Task<long> SizeBytesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The appointments' indexes other than the primary key, as the migrations defined them.</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'appointments' AND indexname <> 'appointments_pkey'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync())
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
