using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Teos.Storage.Hosting;
using Teos.Storage.Legacy;
using Teos.Storage.Postgres;
using Teos.Storage.Sqlite;

namespace Teos.Storage.Move;

/// <summary>
/// Grows an embedded tower into a cluster (issue 20): copies one SQLite database (users, appointments, the grain state
/// of trackers and the block feed, the tower keys, the locator cache) into a PostgreSQL database that holds no tower,
/// whose schema teosd's own migrations create first. Rows are copied as stored; only their encoding changes
/// (signatures, locators and u32 columns as each backend keeps them), no protocol rule runs.
/// The copy is one PostgreSQL transaction that starts by checking the target is empty: an interrupted move leaves
/// nothing behind and can simply run again, and a finished one makes a second run refuse. The SQLite database is
/// opened as teosd opens it (so a running teosd on it is refused, and an older schema is upgraded) and only read.
/// </summary>
public static class TowerMove
{
    /// <summary>Rows per read from SQLite: bounds memory, whatever the tower's size.</summary>
    private const int Batch = 10_000;

    /// <summary>The grain types whose state the "state" provider keeps, each under the state name its grain declares.</summary>
    private static readonly Dictionary<string, string> StateNames = new(StringComparer.Ordinal)
    {
        [LegacyStateImport.TrackerGrainType] = LegacyStateImport.TrackerGrainType,
        [LegacyStateImport.FeedGrainType] = LegacyStateImport.FeedGrainType,
    };

    /// <param name="serviceId">The Orleans service id the silos on PostgreSQL will run with: it scopes their grain state.</param>
    /// <exception cref="TowerMoveException">No tower at <paramref name="sqlitePath"/>, an upgrade not finished there, or a target that holds a tower.</exception>
    public static async Task<TowerMoveResult> RunAsync(
        string sqlitePath, string postgresConnection, string serviceId, StorageOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!File.Exists(sqlitePath))
            throw new TowerMoveException($"no embedded tower at {sqlitePath}: give --datadir and --btcnetwork of the tower to move");

        var logger = loggers.CreateLogger(typeof(TowerMove));
        await using var sqlite = SqliteStorage.Open(sqlitePath, options, loggers.CreateLogger<SqliteStorage>());
        var legacy = await sqlite.Access.ReadAsync(
            connection => (long)connection.Command("SELECT (SELECT count(*) FROM legacy_trackers) + (SELECT count(*) FROM legacy_chain_tip)").ExecuteScalar()!,
            cancellationToken).ConfigureAwait(false);
        if (legacy > 0)
            throw new TowerMoveException($"{sqlitePath} still holds state of the teosd before the grains: start teosd once on it (it finishes the upgrade), stop it, then migrate");

        // The schema, by the migrations every silo runs; the store itself is not used.
        await (await PostgresStorage.OpenAsync(postgresConnection, options, loggers.CreateLogger<PostgresStorage>(), cancellationToken).ConfigureAwait(false))
            .DisposeAsync().ConfigureAwait(false);

        await using var postgres = new NpgsqlConnection(postgresConnection);
        await postgres.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await postgres.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Held to the commit: a silo started on the target meanwhile waits instead of writing a key of its own.
        await postgres.Command("LOCK TABLE users, appointments, keys, recent_blocks, orleans_storage IN SHARE ROW EXCLUSIVE MODE")
            .RunAsync(cancellationToken).ConfigureAwait(false);
        await EnsureEmptyAsync(postgres, cancellationToken).ConfigureAwait(false);

        var access = sqlite.Access;
        var result = new TowerMoveResult(
            Users: await CopyAsync(access, postgres, logger, UsersCopy, cancellationToken).ConfigureAwait(false),
            Appointments: await CopyAsync(access, postgres, logger, AppointmentsCopy, cancellationToken).ConfigureAwait(false),
            GrainStates: await CopyAsync(access, postgres, logger, GrainStatesCopy(serviceId), cancellationToken).ConfigureAwait(false),
            Keys: await CopyAsync(access, postgres, logger, KeysCopy, cancellationToken).ConfigureAwait(false),
            RecentBlocks: await CopyAsync(access, postgres, logger, RecentBlocksCopy, cancellationToken).ConfigureAwait(false));

        // Rows came with their integer keys: the next user and the next key must be numbered after them.
        await postgres.Command(
                """
                SELECT setval(pg_get_serial_sequence('users', 'user_key'), max(user_key)) FROM users HAVING count(*) > 0;
                SELECT setval(pg_get_serial_sequence('keys', 'id'), max(id)) FROM keys HAVING count(*) > 0
                """)
            .RunAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        TowerMoveLog.Moved(logger, sqlitePath, postgres.Database, result);
        return result;
    }

    private static async Task EnsureEmptyAsync(NpgsqlConnection postgres, CancellationToken cancellationToken)
    {
        var held = await postgres.Command(
                """
                SELECT t FROM (VALUES
                    ('users', EXISTS (SELECT 1 FROM users)),
                    ('appointments', EXISTS (SELECT 1 FROM appointments)),
                    ('tower keys', EXISTS (SELECT 1 FROM keys)),
                    ('grain state', EXISTS (SELECT 1 FROM orleans_storage)),
                    ('cached blocks', EXISTS (SELECT 1 FROM recent_blocks))) AS v(t, held)
                WHERE held
                """)
            .ListAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        if (held.Count > 0)
        {
            throw new TowerMoveException(
                $"the PostgreSQL database {postgres.Database} already holds a tower ({string.Join(", ", held)}): migrate into an empty database; nothing was copied");
        }
    }

    /// <summary>
    /// Copies one table in keyset-ordered batches read from SQLite, streamed into one COPY on PostgreSQL.
    /// <see cref="TableCopy.Read"/> gets the previous batch's last row (null first) and returns rows in COPY's column order.
    /// </summary>
    private static async Task<long> CopyAsync(
        SqliteAccess sqlite, NpgsqlConnection postgres, ILogger logger, TableCopy table, CancellationToken cancellationToken)
    {
        long rows = 0;
        await using (var import = await postgres.BeginBinaryImportAsync(table.CopySql, cancellationToken).ConfigureAwait(false))
        {
            object?[]? last = null;
            while (true)
            {
                var batch = await sqlite.ReadAsync(connection => table.Read(connection, last), cancellationToken).ConfigureAwait(false);
                foreach (var row in batch)
                {
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < table.Types.Length; i++)
                        await import.WriteAsync(row[i], table.Types[i], cancellationToken).ConfigureAwait(false);
                }

                rows += batch.Count;
                if (batch.Count < Batch)
                    break;
                last = batch[^1];
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        TowerMoveLog.Copied(logger, rows, table.Name);
        return rows;
    }

    private static readonly TableCopy UsersCopy = new(
        "users",
        "COPY users (user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height) FROM STDIN (FORMAT BINARY)",
        [NpgsqlDbType.Integer, NpgsqlDbType.Smallint, NpgsqlDbType.Bytea, NpgsqlDbType.Smallint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint],
        (connection, last) =>
        {
            var command = connection.Command(
                "SELECT user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height " +
                $"FROM users WHERE user_key > $after ORDER BY user_key LIMIT {Batch}");
            command.Parameters.AddWithValue("$after", last is null ? long.MinValue : (int)last[0]!);
            return ReadRows(command, reader =>
            [
                checked((int)reader.GetInt64(0)), checked((short)reader.GetInt64(1)), Sqlite.Columns.Bytes(reader, 2), checked((short)reader.GetInt64(3)),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
            ]);
        });

    private static readonly TableCopy AppointmentsCopy = new(
        "appointments",
        "COPY appointments (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered) FROM STDIN (FORMAT BINARY)",
        [NpgsqlDbType.Smallint, NpgsqlDbType.Bytea, NpgsqlDbType.Uuid, NpgsqlDbType.Bytea, NpgsqlDbType.Integer, NpgsqlDbType.Bytea,
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Smallint, NpgsqlDbType.Boolean],
        (connection, last) =>
        {
            var command = connection.Command(
                "SELECT tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered " +
                $"FROM appointments WHERE tower > $tower OR (tower = $tower AND uuid > $uuid) ORDER BY tower, uuid LIMIT {Batch}");
            command.Parameters.AddWithValue("$tower", last is null ? long.MinValue : (short)last[0]!);
            command.Parameters.AddWithValue("$uuid", last is null ? Array.Empty<byte>() : (byte[])last[1]!);
            return ReadRows(command, reader =>
            [
                checked((short)reader.GetInt64(0)), Sqlite.Columns.Bytes(reader, 1), LocatorColumn.ToValue(Sqlite.Columns.Bytes(reader, 2)), Sqlite.Columns.Bytes(reader, 3),
                Postgres.Columns.Pack(Sqlite.Columns.UInt32(reader, 4)),
                Postgres.SignatureColumn.ToValue(Sqlite.SignatureColumn.Read(reader, 5)),
                Postgres.Columns.Pack(Sqlite.Columns.UInt32(reader, 6)),
                checked((int)reader.GetInt64(7)), checked((short)reader.GetInt64(8)), Sqlite.Columns.Boolean(reader, 9),
            ]);
        });

    /// <summary>
    /// SQLite keeps a grain's state under its grain id (type and key text); Orleans' ADO.NET provider under its state
    /// name and the key's parts as it splits them: an integer key as n1 (its extension, if any, as the text key), any
    /// other key as text. The payloads are the same Orleans binary serialization on both, so they are copied as they are.
    /// </summary>
    private static TableCopy GrainStatesCopy(string serviceId) => new(
        "orleans_storage",
        "COPY orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key, version, modified_on, payload) FROM STDIN (FORMAT BINARY)",
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Integer,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.Bytea],
        (connection, last) =>
        {
            var command = connection.Command(
                "SELECT grain_type, grain_key, version, payload FROM grain_state " +
                $"WHERE grain_type > $type OR (grain_type = $type AND grain_key > $key) ORDER BY grain_type, grain_key LIMIT {Batch}");
            command.Parameters.AddWithValue("$type", last is null ? "" : (string)last[^2]!);
            command.Parameters.AddWithValue("$key", last is null ? "" : (string)last[^1]!);
            return ReadRows(command, reader =>
            {
                var (type, key) = (reader.GetString(0), reader.GetString(1));
                if (!StateNames.TryGetValue(type, out var stateName))
                    throw new TowerMoveException($"the SQLite database holds state of grain type '{type}', which this teosd does not know: migrate with the teosd that wrote it");
                var grainId = GrainId.Create(GrainType.Create(type), IdSpan.Create(key));
                var (n1, text) = grainId.TryGetIntegerKey(out var integer, out var extension) ? (integer, extension ?? "") : (0L, key);
                // The last two values are the SQLite key for the next batch; COPY writes only the first eight (Types).
                return [serviceId, stateName, 0L, n1, text, checked((int)reader.GetInt64(2)), DateTime.UtcNow, Sqlite.Columns.Bytes(reader, 3), type, key];
            });
        });

    private static readonly TableCopy KeysCopy = new(
        "keys",
        "COPY keys (id, key) FROM STDIN (FORMAT BINARY)",
        [NpgsqlDbType.Bigint, NpgsqlDbType.Text],
        (connection, last) =>
        {
            var command = connection.Command($"SELECT id, key FROM keys WHERE id > $after ORDER BY id LIMIT {Batch}");
            command.Parameters.AddWithValue("$after", last is null ? long.MinValue : (long)last[0]!);
            return ReadRows(command, reader => [reader.GetInt64(0), reader.GetString(1)]);
        });

    private static readonly TableCopy RecentBlocksCopy = new(
        "recent_blocks",
        "COPY recent_blocks (block_hash, height, txids) FROM STDIN (FORMAT BINARY)",
        [NpgsqlDbType.Bytea, NpgsqlDbType.Bigint, NpgsqlDbType.Bytea],
        (connection, last) =>
        {
            var command = connection.Command($"SELECT block_hash, height, txids FROM recent_blocks WHERE block_hash > $after ORDER BY block_hash LIMIT {Batch}");
            command.Parameters.AddWithValue("$after", last is null ? Array.Empty<byte>() : (byte[])last[0]!);
            return ReadRows(command, reader => [Sqlite.Columns.Bytes(reader, 0), reader.GetInt64(1), Sqlite.Columns.Bytes(reader, 2)]);
        });

    private static List<object?[]> ReadRows(Microsoft.Data.Sqlite.SqliteCommand command, Func<Microsoft.Data.Sqlite.SqliteDataReader, object?[]> read)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>One table's copy: the COPY statement, its column types, and the batch reader.</summary>
    private sealed record TableCopy(string Name, string CopySql, NpgsqlDbType[] Types, Func<StoreConnection, object?[]?, List<object?[]>> Read);
}
