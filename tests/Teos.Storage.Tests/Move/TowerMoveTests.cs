using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Move;
using Teos.Storage.Postgres;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Postgres;
using Teos.Storage.Tests.Sqlite;
using Xunit;

namespace Teos.Storage.Tests.Move;

/// <summary>
/// The SQLite-to-PostgreSQL move on real databases: all or nothing in one transaction, a target holding a tower
/// refused, grain state filed under the keys Orleans' ADO.NET provider reads. (The whole path through real teosd
/// processes is tests/Teos.EndToEnd.Tests' MigrateTests.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TowerMoveTests(PostgresFixture postgres) : IDisposable
{
    private const string ServiceId = "teos-regtest";
    private const string TrackerKey = "0/00112233445566778899aabbccddeeff";

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task An_interrupted_move_commits_nothing_and_the_next_run_copies_everything_once()
    {
        await WriteSqliteAsync(
            "INSERT INTO users (user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height) " +
            "VALUES (7, 0, x'02" + new string('a', 64) + "', 1, 9999, 100, 4420, 4426)",
            "INSERT INTO appointments (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered) " +
            "VALUES (0, x'" + new string('b', 40) + "', x'" + new string('c', 32) + "', x'0102', 4294967295, 'not zbase32', 101, 7, 1, 1)",
            "INSERT INTO keys (id, key) VALUES (3, 'k3'), (5, 'k5')",
            $"INSERT INTO grain_state (grain_type, grain_key, version, payload) VALUES ('tracker', '{TrackerKey}', 4, x'0a0b'), ('feed', '0', 9, x'0c')",
            // A grain type this teosd does not know: the move stops at the grain states, after copying users and appointments.
            "INSERT INTO grain_state (grain_type, grain_key, version, payload) VALUES ('unknown', 'x', 1, x'00')");
        var target = await postgres.Server.CreateDatabaseAsync();

        var interrupted = await Assert.ThrowsAsync<TowerMoveException>(() => MoveAsync(target));
        Assert.Contains("grain type 'unknown'", interrupted.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync(target, "SELECT count(*) FROM users") + await ScalarAsync(target, "SELECT count(*) FROM appointments"));

        await WriteSqliteAsync("DELETE FROM grain_state WHERE grain_type = 'unknown'");
        var moved = await MoveAsync(target);

        Assert.Equal(new TowerMoveResult(Users: 1, Appointments: 1, GrainStates: 2, Keys: 2, RecentBlocks: 0), moved);
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var reader = await connection.Command(
                    $"""
                    SELECT a.to_self_delay, a.start_block, a.profile, a.triggered, a.encrypted_blob, u.user_key, u.slot_allowance, u.deletion_height
                    FROM appointments a JOIN users u ON u.user_key = a.user_key WHERE a.tower = 0 AND a.uuid = '\x{new string('b', 40)}'
                    """)
                .ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(uint.MaxValue, Storage.Postgres.Columns.PackedUInt32(reader, 0));
            Assert.Equal(101u, Storage.Postgres.Columns.PackedUInt32(reader, 1));
            Assert.Equal((short)1, reader.GetInt16(2));
            Assert.True(reader.GetBoolean(3));
            Assert.Equal(new byte[] { 1, 2 }, reader.GetFieldValue<byte[]>(4));
            Assert.Equal((7, 9999L, 4426L), (reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        Assert.Equal("not zbase32", await SignatureAsync(target));
        // Under the keys the ADO.NET provider reads: an integer key as n1 with an empty text key, a string key as text.
        Assert.Equal(1, await ScalarAsync(target, $"SELECT count(*) FROM orleans_storage WHERE service_id = '{ServiceId}' AND grain_type = 'feed' AND grain_id_n0 = 0 AND grain_id_n1 = 0 AND grain_key = '' AND version = 9 AND payload = '\\x0c'"));
        Assert.Equal(1, await ScalarAsync(target, $"SELECT count(*) FROM orleans_storage WHERE service_id = '{ServiceId}' AND grain_type = 'tracker' AND grain_id_n1 = 0 AND grain_key = '{TrackerKey}' AND version = 4"));
        // The copied integer keys stay taken: the next user and the next tower key are numbered after them.
        Assert.Equal(8, await ScalarAsync(target, "INSERT INTO users (tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height) VALUES (0, '\\x03', 0, 1, 1, 1, 1) RETURNING user_key"));
        Assert.Equal(6, await ScalarAsync(target, "INSERT INTO keys (key) VALUES ('k6') RETURNING id"));

        var again = await Assert.ThrowsAsync<TowerMoveException>(() => MoveAsync(target));
        Assert.StartsWith("the PostgreSQL database ", again.Message, StringComparison.Ordinal);
        Assert.EndsWith(" already holds a tower (users, appointments, tower keys, grain state): migrate into an empty database; nothing was copied", again.Message, StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync(target, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task A_missing_sqlite_database_is_refused_naming_it()
    {
        var missing = Path.Combine(_directory.Path, "nowhere", "teos_db.sql3");

        var error = await Assert.ThrowsAsync<TowerMoveException>(() =>
            TowerMove.RunAsync(missing, "Host=127.0.0.1", ServiceId, StorageBackend.Options, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Equal($"no embedded tower at {missing}: give --datadir and --btcnetwork of the tower to move", error.Message);
    }

    public void Dispose() => _directory.Dispose();

    private string SqlitePath => Path.Combine(_directory.Path, "teos_db.sql3");

    private Task<TowerMoveResult> MoveAsync(string target) =>
        TowerMove.RunAsync(SqlitePath, target, ServiceId, StorageBackend.Options, NullLoggerFactory.Instance, CancellationToken.None);

    private async Task WriteSqliteAsync(params string[] statements)
    {
        await using var storage = SqliteStorage.Open(SqlitePath, StorageBackend.Options, NullLogger.Instance);
        await storage.Access.WriteAsync(connection =>
        {
            foreach (var statement in statements)
                connection.Execute(statement);
        }, CancellationToken.None);
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return Convert.ToInt64(await connection.Command(sql).ExecuteScalarAsync());
    }

    private static async Task<string> SignatureAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var reader = await connection.Command("SELECT user_signature FROM appointments").ExecuteReaderAsync();
        await reader.ReadAsync();
        return Storage.Postgres.SignatureColumn.Read(reader, 0);
    }
}
