using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Teos.Protocol.Encoding;

namespace Teos.LoadGen.Data;

/// <summary>
/// Bulk load into a stopped tower's PostgreSQL database (schema made by teosd itself): the secondary indexes
/// dropped, foreign-key triggers off for the session, binary COPY of users and appointments, indexes rebuilt with
/// the migration's definitions, then ANALYZE. Rows as the grains write them (schema v7): the default tower, users
/// with the slots they were granted (used slots are derived from their rows), appointments watched.
/// </summary>
public sealed class PostgresStoreFiles(string connectionString) : IStoreFiles
{
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
            "COPY users (user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height) FROM STDIN (FORMAT BINARY)"))
        {
            for (var u = 0; u < dataset.Users.Length; u++)
            {
                await users.StartRowAsync();
                await users.WriteAsync(Dataset.UserKey(u), NpgsqlDbType.Integer);
                await users.WriteAsync((short)0, NpgsqlDbType.Smallint);
                await users.WriteAsync(dataset.Users[u].Id.ToArray(), NpgsqlDbType.Bytea);
                await users.WriteAsync((short)0, NpgsqlDbType.Smallint);
                await users.WriteAsync((long)Dataset.Slots, NpgsqlDbType.Bigint);
                await users.WriteAsync((long)height, NpgsqlDbType.Bigint);
                await users.WriteAsync((long)Dataset.ExpiryOf(height), NpgsqlDbType.Bigint);
                await users.WriteAsync(Dataset.DeletionHeightOf(height), NpgsqlDbType.Bigint);
            }

            await users.CompleteAsync();
        }

        // The keys were given, not drawn: the users registered later must draw past them.
        await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('users', 'user_key'), (SELECT max(user_key) FROM users))");

        // Stored as the tower stores a canonical signature (migration 0007): its 65 raw bytes.
        var signatures = dataset.UserSignatures.Select(text => ZBase32.Decode(text)).ToArray();
        long done = 0;
        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY appointments (to_self_delay, start_block, profile, locator, uuid, user_key, encrypted_blob, user_signature, tower, triggered) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var chunk in dataset.Chunks())
            {
                foreach (var row in chunk)
                {
                    await rows.StartRowAsync();
                    await rows.WriteAsync(unchecked((int)Dataset.ToSelfDelay), NpgsqlDbType.Integer);
                    await rows.WriteAsync(unchecked((int)height), NpgsqlDbType.Integer);
                    await rows.WriteAsync((short)0, NpgsqlDbType.Smallint);
                    // The locator as the store keeps it (migration 0007): uuid, its 16 bytes in order.
                    await rows.WriteAsync(new Guid(row.Locator, bigEndian: true), NpgsqlDbType.Uuid);
                    await rows.WriteAsync(row.Uuid, NpgsqlDbType.Bytea);
                    await rows.WriteAsync(Dataset.UserKey(row.UserIndex), NpgsqlDbType.Integer);
                    await rows.WriteAsync(row.Blob, NpgsqlDbType.Bytea);
                    await rows.WriteAsync(signatures[row.UserIndex], NpgsqlDbType.Bytea);
                    await rows.WriteAsync((short)0, NpgsqlDbType.Smallint);
                    await rows.WriteAsync(false, NpgsqlDbType.Boolean);
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
