using Teos.Grains.Trackers;
using Teos.Storage.Legacy;

namespace Teos.Storage.Sqlite;

internal sealed class SqliteLegacyRows(SqliteAccess access) : ILegacyRows
{
    public Task<LegacyTip?> GetTipAsync(CancellationToken cancellationToken) =>
        access.ReadAsync(
            connection =>
            {
                using var reader = connection.Command("SELECT block_hash, height FROM legacy_chain_tip WHERE id = 0").ExecuteReader();
                return reader.Read() ? new LegacyTip(Columns.Hash(reader, 0), Columns.UInt32(reader, 1)) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<LegacyTracker>> GetTrackersAsync(CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<LegacyTracker>>(
            connection =>
            {
                using var reader = connection.Command(
                    """
                    SELECT t.uuid, u.user_id, a.locator, a.profile, t.dispute_tx, t.penalty_tx, t.height, t.confirmed, t.reorged
                    FROM legacy_trackers t
                    JOIN appointments a ON a.tower = 0 AND a.uuid = t.uuid
                    JOIN users u ON u.user_key = a.user_key
                    """).ExecuteReader();
                var trackers = new List<LegacyTracker>();
                while (reader.Read())
                {
                    trackers.Add(new LegacyTracker(Columns.Uuid(reader, 0), new TrackerState
                    {
                        UserId = Columns.UserId(reader, 1),
                        Locator = Columns.Locator(reader, 2),
                        Profile = Columns.Profile(reader, 3),
                        DisputeTx = Columns.Bytes(reader, 4),
                        PenaltyTx = Columns.Bytes(reader, 5),
                        Status = new TrackerStatus(Columns.UInt32(reader, 6), Columns.Boolean(reader, 7)),
                        Reorged = Columns.Boolean(reader, 8),
                    }));
                }

                return trackers;
            },
            cancellationToken);

    public Task ForgetAsync(CancellationToken cancellationToken) =>
        access.WriteAsync(
            connection =>
            {
                connection.Execute("DELETE FROM legacy_trackers");
                connection.Execute("DELETE FROM legacy_chain_tip");
            },
            cancellationToken);
}
