using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Storage.Hosting;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Teos.Protocol.Encoding;

namespace Teos.Storage.Tests.Upgrade;

/// <summary>A data dir of the previous teosd: schema v5, rows as its SQLite store wrote them.</summary>
public sealed class SqliteLegacyUpgradeTests : LegacyUpgradeTests
{
    private readonly SqliteBackend _backend = new();

    protected override StorageBackend Backend => _backend;

    protected override async Task<TeosStorage> UpgradeAsync(LegacyData data)
    {
        await SqliteStorage.Open(_backend.DatabasePath, StorageBackend.Options, NullLogger.Instance, SqliteStorage.DefaultMaxBatch, upTo: 5).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={_backend.DatabasePath};Pooling=False"))
        {
            connection.Open();
            foreach (var user in data.Users)
            {
                Execute(connection, "INSERT INTO users (user_id, available_slots, subscription_start, subscription_expiry, profile) VALUES ($1, $2, $3, $4, $5)",
                    user.Id.ToArray(), (long)user.AvailableSlots, (long)user.Start, (long)user.Expiry, (long)user.Profile);
            }

            foreach (var appointment in data.Appointments)
            {
                // As the previous store wrote signatures: the 65 bytes when canonical zbase32, otherwise the text.
                object signature = appointment.Signature == TestAppointments.Signature ? ZBase32.Decode(appointment.Signature) : appointment.Signature;
                Execute(connection,
                    """
                    INSERT INTO appointments (uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile)
                    VALUES ($1, $2, $3, 42, $4, 200, (SELECT user_key FROM users WHERE user_id = $5), $6)
                    """,
                    appointment.Uuid.ToArray(), appointment.Locator.ToArray(), appointment.Blob, signature, appointment.Owner.Id.ToArray(), (long)appointment.Owner.Profile);
            }

            Execute(connection, "INSERT INTO trackers (uuid, dispute_tx, penalty_txid, penalty_tx, height, confirmed, reorged) VALUES ($1, $2, $3, $4, $5, 1, 0)",
                data.Responded.Uuid.ToArray(), data.DisputeTx, data.PenaltyTxid, data.PenaltyTx, (long)data.TrackerHeight);
            Execute(connection, "INSERT INTO chain_tip (id, block_hash, height) VALUES (0, $1, $2)", data.TipHash.ToBytes(), (long)data.TipHeight);
            Execute(connection, "INSERT INTO keys (key) VALUES ($1)", data.TowerKey);
            Execute(connection, "INSERT INTO recent_blocks (block_hash, height, txids) VALUES ($1, 320, $2)",
                data.RecentBlockHash.ToBytes(), data.RecentTxids.SelectMany(txid => txid.ToBytes()).ToArray());
        }

        return SqliteStorage.Open(_backend.DatabasePath, StorageBackend.Options, NullLogger.Instance);
    }

    private static void Execute(SqliteConnection connection, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue($"${i + 1}", values[i]);
        command.ExecuteNonQuery();
    }
}
