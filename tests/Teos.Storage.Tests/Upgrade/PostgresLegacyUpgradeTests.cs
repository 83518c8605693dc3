using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Teos.Storage.Tests.Postgres;
using Teos.Protocol.Encoding;
using Xunit;

namespace Teos.Storage.Tests.Upgrade;

/// <summary>A database of the previous teosd: schema v6, rows as its PostgreSQL store wrote them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLegacyUpgradeTests(PostgresFixture postgres) : LegacyUpgradeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override StorageBackend Backend { get; } = new PostgresBackend(postgres);

    protected override async Task<TeosStorage> UpgradeAsync(LegacyData data)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await (await PostgresStorage.OpenAsync(database, StorageBackend.Options, NullLogger.Instance, 1, 1, upTo: 6, None)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            foreach (var user in data.Users)
            {
                await connection.Command("INSERT INTO users (user_id, available_slots, subscription_start, subscription_expiry, profile) VALUES ($1, $2, $3, $4, $5)",
                    user.Id.ToArray(), (long)user.AvailableSlots, (long)user.Start, (long)user.Expiry, (short)user.Profile).RunAsync(None);
            }

            foreach (var appointment in data.Appointments)
            {
                // As the previous store wrote signatures: tag 1 and the 65 bytes when canonical zbase32, else tag 0 and the text.
                byte[] signature = appointment.Signature == TestAppointments.Signature
                    ? [1, .. ZBase32.Decode(appointment.Signature)]
                    : [0, .. System.Text.Encoding.UTF8.GetBytes(appointment.Signature)];
                await connection.Command(
                    """
                    INSERT INTO appointments (to_self_delay, start_block, user_key, profile, locator, uuid, encrypted_blob, user_signature)
                    VALUES (42, 200, (SELECT user_key FROM users WHERE user_id = $1), $2, $3, $4, $5, $6)
                    """,
                    appointment.Owner.Id.ToArray(), (short)appointment.Owner.Profile, appointment.Locator.ToArray(), appointment.Uuid.ToArray(), appointment.Blob, signature).RunAsync(None);
            }

            await connection.Command(
                "INSERT INTO trackers (uuid, locator, height, confirmed, reorged, penalty_txid, dispute_tx, penalty_tx) VALUES ($1, $2, $3, true, false, $4, $5, $6)",
                data.Responded.Uuid.ToArray(), data.Responded.Locator.ToArray(), (long)data.TrackerHeight, data.PenaltyTxid, data.DisputeTx, data.PenaltyTx).RunAsync(None);
            await connection.Command("INSERT INTO chain_tip (id, block_hash, height) VALUES (0, $1, $2)", data.TipHash.ToBytes(), (long)data.TipHeight).RunAsync(None);
            await connection.Command("INSERT INTO keys (key) VALUES ($1)", data.TowerKey).RunAsync(None);
            await connection.Command("INSERT INTO recent_blocks (block_hash, height, txids) VALUES ($1, 320, $2)",
                data.RecentBlockHash.ToBytes(), data.RecentTxids.SelectMany(txid => txid.ToBytes()).ToArray()).RunAsync(None);
        }

        return await PostgresStorage.OpenAsync(database, StorageBackend.Options, NullLogger.Instance, None);
    }
}
