using Teos.Grains.Trackers;
using Teos.Storage.Legacy;

namespace Teos.Storage.Postgres;

internal sealed class PostgresLegacyRows(PostgresAccess access) : ILegacyRows
{
    public async Task<LegacyTip?> GetTipAsync(CancellationToken cancellationToken)
    {
        var tips = await access.ReadListAsync(
            "SELECT block_hash, height FROM legacy_chain_tip WHERE id = 0",
            reader => new LegacyTip(Columns.Hash(reader, 0), Columns.UInt32(reader, 1)),
            cancellationToken).ConfigureAwait(false);
        return tips.Count == 0 ? null : tips[0];
    }

    public Task<IReadOnlyList<LegacyTracker>> GetTrackersAsync(CancellationToken cancellationToken) =>
        access.ReadListAsync(
            """
            SELECT t.uuid, u.user_id, a.locator, a.profile, t.dispute_tx, t.penalty_tx, t.height, t.confirmed, t.reorged
            FROM legacy_trackers t
            JOIN appointments a ON a.tower = 0 AND a.uuid = t.uuid
            JOIN users u ON u.user_key = a.user_key
            """,
            reader => new LegacyTracker(Columns.Uuid(reader, 0), new TrackerState
            {
                UserId = Columns.UserId(reader, 1),
                Locator = LocatorColumn.Read(reader, 2),
                Profile = Columns.Profile(reader, 3),
                DisputeTx = Columns.Bytes(reader, 4),
                PenaltyTx = Columns.Bytes(reader, 5),
                Status = new TrackerStatus(Columns.UInt32(reader, 6), reader.GetBoolean(7)),
                Reorged = reader.GetBoolean(8),
            }),
            cancellationToken);

    public Task ForgetAsync(CancellationToken cancellationToken) =>
        access.WriteAsync(() => [Commands.BatchCommand("DELETE FROM legacy_trackers"), Commands.BatchCommand("DELETE FROM legacy_chain_tip")], cancellationToken);
}
