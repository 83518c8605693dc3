using NBitcoin;
using Npgsql;
using Teos.Grains.Appointments;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Postgres;

internal static class TrackersTable
{
    /// <summary>What <see cref="Read"/> expects after the appointment's columns, for table alias <c>t</c>.</summary>
    public const string StatusColumns = "t.dispute_tx, t.penalty_tx, t.height, t.confirmed, t.reorged";

    public static Tracker Read(NpgsqlDataReader reader, Appointment appointment, int first) => new(
        appointment.Uuid,
        appointment.UserId,
        Columns.Transaction(reader, first),
        Columns.Transaction(reader, first + 1),
        new TrackerStatus(Columns.UInt32(reader, first + 2), reader.GetBoolean(first + 3)),
        reader.GetBoolean(first + 4));

    /// <summary>
    /// False, and nothing written, when the uuid already has a tracker (spec 4.4) or has no appointment row. The
    /// locator is copied from that row (schema v1 keyed appointments by locator and uuid; the column stays).
    /// </summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection connection, Tracker tracker, CancellationToken cancellationToken)
    {
        var inserted = await connection.Command(
            """
            INSERT INTO trackers (uuid, locator, height, confirmed, reorged, penalty_txid, dispute_tx, penalty_tx)
            SELECT a.uuid, a.locator, $2, $3, $4, $5, $6, $7 FROM appointments a WHERE a.uuid = $1
            ON CONFLICT (uuid) DO NOTHING
            """,
            tracker.Uuid.ToArray(),
            (long)tracker.Status.Height,
            tracker.Status.Confirmed,
            tracker.Reorged,
            tracker.PenaltyTx.GetHash().ToBytes(),
            tracker.DisputeTx.ToBytes(),
            tracker.PenaltyTx.ToBytes()).RunAsync(cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>All updates in one statement: the new values travel as parallel arrays.</summary>
    public static Task UpdateAsync(NpgsqlConnection connection, IReadOnlyCollection<TrackerSummary> trackers, CancellationToken cancellationToken)
    {
        if (trackers.Count == 0)
            return Task.CompletedTask;
        return connection.Command(
            """
            UPDATE trackers t SET height = v.height, confirmed = v.confirmed, reorged = v.reorged
            FROM unnest($1::bytea[], $2::bigint[], $3::boolean[], $4::boolean[]) AS v(uuid, height, confirmed, reorged)
            WHERE t.uuid = v.uuid
            """,
            trackers.Select(t => t.Uuid.ToArray()).ToArray(),
            trackers.Select(t => (long)t.Status.Height).ToArray(),
            trackers.Select(t => t.Status.Confirmed).ToArray(),
            trackers.Select(t => t.Reorged).ToArray()).RunAsync(cancellationToken);
    }

    public static Task<List<TrackerSummary>> GetSummariesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.Command("SELECT uuid, penalty_txid, height, confirmed, reorged FROM trackers").ListAsync(
            reader => new TrackerSummary(
                Columns.Uuid(reader, 0),
                Columns.Txid(reader, 1),
                new TrackerStatus(Columns.UInt32(reader, 2), reader.GetBoolean(3)),
                reader.GetBoolean(4)),
            cancellationToken);

    public static async Task<IReadOnlyList<Tracker>> GetAsync(NpgsqlConnection connection, IReadOnlyCollection<AppointmentUuid> uuids, CancellationToken cancellationToken)
    {
        if (uuids.Count == 0)
            return [];
        return await connection.Command(
                $"""
                SELECT {AppointmentsTable.SelectList}, {StatusColumns}
                FROM trackers t JOIN appointments a ON a.locator = t.locator AND a.uuid = t.uuid {AppointmentsTable.OwnerJoin}
                WHERE t.uuid = ANY($1)
                """,
                (object)uuids.Select(uuid => uuid.ToArray()).ToArray())
            .ListAsync(reader => Read(reader, AppointmentsTable.Read(reader), AppointmentsTable.ColumnCount), cancellationToken)
            .ConfigureAwait(false);
    }
}
