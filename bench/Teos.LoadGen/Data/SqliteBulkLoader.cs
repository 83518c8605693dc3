using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Teos.Protocol.Encoding;

namespace Teos.LoadGen.Data;

/// <summary>
/// Writes a <see cref="Dataset"/> straight into a stopped tower's SQLite file (schema made by teosd itself):
/// indexes dropped, one transaction of prepared inserts without journal or sync, the indexes rebuilt with the
/// migration's own definitions, then back to WAL. Rows as the grains write them (schema v6): the default tower,
/// users with the slots they were granted (used slots are derived from their rows), appointments watched.
/// </summary>
public static class SqliteBulkLoader
{
    public static void Load(string dbPath, Dataset dataset, uint height)
    {
        var clock = Stopwatch.StartNew();
        using var connection = Open(dbPath);
        Execute(connection, "PRAGMA journal_mode = DELETE");
        Execute(connection, "PRAGMA synchronous = OFF");
        Execute(connection, "PRAGMA cache_size = -2000000");
        Execute(connection, "PRAGMA temp_store = MEMORY");
        var indexes = SecondaryIndexes(connection);
        foreach (var (name, _) in indexes)
            Execute(connection, $"DROP INDEX {name}");
        using (var tx = connection.BeginTransaction())
        {
            InsertUsers(connection, tx, dataset, height);
            InsertAppointments(connection, tx, dataset, height, clock);
            tx.Commit();
        }

        Console.WriteLine($"  rows inserted in {clock.Elapsed.TotalSeconds:F0} s; building indexes");
        foreach (var (_, definition) in indexes)
            Execute(connection, definition);
        Execute(connection, "PRAGMA journal_mode = WAL");
        Console.WriteLine($"  sqlite load done in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void InsertUsers(SqliteConnection connection, SqliteTransaction tx, Dataset dataset, uint height)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            """
            INSERT INTO users (user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height)
            VALUES ($key, 0, $id, 0, $slots, $start, $expiry, $deletion)
            """;
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        insert.Parameters.AddWithValue("$slots", (long)Dataset.Slots);
        insert.Parameters.AddWithValue("$start", (long)height);
        insert.Parameters.AddWithValue("$expiry", (long)Dataset.ExpiryOf(height));
        insert.Parameters.AddWithValue("$deletion", Dataset.DeletionHeightOf(height));
        insert.Prepare();
        for (var u = 0; u < dataset.Users.Length; u++)
        {
            key.Value = Dataset.UserKey(u);
            id.Value = dataset.Users[u].Id.ToArray();
            insert.ExecuteNonQuery();
        }
    }

    private static void InsertAppointments(SqliteConnection connection, SqliteTransaction tx, Dataset dataset, uint height, Stopwatch clock)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            """
            INSERT INTO appointments (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered)
            VALUES (0, $uuid, $locator, $blob, $delay, $signature, $start, $user_key, 0, 0)
            """;
        var uuid = insert.Parameters.Add("$uuid", SqliteType.Blob);
        var locator = insert.Parameters.Add("$locator", SqliteType.Blob);
        var blob = insert.Parameters.Add("$blob", SqliteType.Blob);
        insert.Parameters.AddWithValue("$delay", (long)Dataset.ToSelfDelay);
        // Stored raw, as the tower stores a canonical zbase32 signature.
        var signature = insert.Parameters.Add("$signature", SqliteType.Blob);
        insert.Parameters.AddWithValue("$start", (long)height);
        var userKey = insert.Parameters.Add("$user_key", SqliteType.Integer);
        insert.Prepare();
        var signatures = dataset.UserSignatures.Select(text => ZBase32.Decode(text)).ToArray();
        long done = 0;
        foreach (var chunk in dataset.Chunks())
        {
            foreach (var row in chunk)
            {
                uuid.Value = row.Uuid;
                locator.Value = row.Locator;
                blob.Value = row.Blob;
                signature.Value = signatures[row.UserIndex];
                userKey.Value = Dataset.UserKey(row.UserIndex);
                insert.ExecuteNonQuery();
            }

            done += chunk.Length;
            if (done % 1_000_000 < Dataset.ChunkSize)
                Console.WriteLine($"  {done:N0} rows, {clock.Elapsed.TotalSeconds:F0} s");
        }
    }

    private static SqliteConnection Open(string dbPath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The appointments' secondary indexes as the migrations defined them (the uuid key has no SQL).</summary>
    private static List<(string Name, string Definition)> SecondaryIndexes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'appointments' AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read())
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

}
