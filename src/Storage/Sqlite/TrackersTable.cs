using Microsoft.Data.Sqlite;
using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Sqlite;

internal static class TrackersTable
{
    /// <summary>What <see cref="Read"/> expects after the appointment's columns, for table alias <c>t</c>.</summary>
    public const string StatusColumns = "t.dispute_tx, t.penalty_tx, t.height, t.confirmed, t.reorged";

    public static Tracker Read(SqliteDataReader reader, Appointment appointment, int first) => new(
        appointment.Uuid,
        appointment.UserId,
        Columns.Transaction(reader, first),
        Columns.Transaction(reader, first + 1),
        new TrackerStatus(Columns.UInt32(reader, first + 2), Columns.Boolean(reader, first + 3)),
        Columns.Boolean(reader, first + 4));

    /// <summary>False, and nothing written, when the uuid already has a tracker (spec 4.4).</summary>
    public static bool Insert(StoreConnection connection, Tracker tracker)
    {
        var command = connection.Command(
            """
            INSERT INTO trackers (uuid, dispute_tx, penalty_txid, penalty_tx, height, confirmed, reorged)
            VALUES ($uuid, $dispute, $penalty_txid, $penalty, $height, $confirmed, $reorged)
            ON CONFLICT (uuid) DO NOTHING
            """);
        var parameters = command.Parameters;
        parameters.AddWithValue("$uuid", tracker.Uuid.ToArray());
        parameters.AddWithValue("$dispute", tracker.DisputeTx.ToBytes());
        parameters.AddWithValue("$penalty_txid", tracker.PenaltyTx.GetHash().ToBytes());
        parameters.AddWithValue("$penalty", tracker.PenaltyTx.ToBytes());
        parameters.AddWithValue("$height", (long)tracker.Status.Height);
        parameters.AddWithValue("$confirmed", tracker.Status.Confirmed);
        parameters.AddWithValue("$reorged", tracker.Reorged);
        return command.ExecuteNonQuery() == 1;
    }

    public static void Update(StoreConnection connection, IReadOnlyCollection<TrackerSummary> trackers)
    {
        const string sql = "UPDATE trackers SET height = $height, confirmed = $confirmed, reorged = $reorged WHERE uuid = $uuid";
        foreach (var tracker in trackers)
        {
            var command = connection.Command(sql);
            command.Parameters.AddWithValue("$uuid", tracker.Uuid.ToArray());
            command.Parameters.AddWithValue("$height", (long)tracker.Status.Height);
            command.Parameters.AddWithValue("$confirmed", tracker.Status.Confirmed);
            command.Parameters.AddWithValue("$reorged", tracker.Reorged);
            command.ExecuteNonQuery();
        }
    }

    public static IReadOnlyList<TrackerSummary> GetSummaries(StoreConnection connection)
    {
        var summaries = new List<TrackerSummary>();
        using var reader = connection.Command("SELECT uuid, penalty_txid, height, confirmed, reorged FROM trackers").ExecuteReader();
        while (reader.Read())
        {
            summaries.Add(new TrackerSummary(
                Columns.Uuid(reader, 0),
                Columns.Txid(reader, 1),
                new TrackerStatus(Columns.UInt32(reader, 2), Columns.Boolean(reader, 3)),
                Columns.Boolean(reader, 4)));
        }

        return summaries;
    }

    public static IReadOnlyList<Tracker> Get(StoreConnection connection, IReadOnlyCollection<AppointmentUuid> uuids)
    {
        if (uuids.Count == 0)
            return [];
        var command = connection.Command(
            $"""
            WITH {PackedKeys.Unpack("wanted", "$uuids", AppointmentUuid.Size)}
            SELECT {AppointmentsTable.Columns}, {StatusColumns}
            FROM wanted w
            CROSS JOIN trackers t ON t.uuid = w.key
            JOIN appointments a ON a.uuid = t.uuid
            {AppointmentsTable.OwnerJoin}
            """);
        command.Parameters.AddWithValue(
            "$uuids",
            PackedKeys.Pack(uuids, uuids.Count, AppointmentUuid.Size, static (uuid, span) => uuid.Bytes.CopyTo(span)));
        var trackers = new List<Tracker>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            trackers.Add(Read(reader, AppointmentsTable.Read(reader), AppointmentsTable.ColumnCount));
        return trackers;
    }

    public static long Count(StoreConnection connection) =>
        (long)connection.Command("SELECT count(*) FROM trackers").ExecuteScalar()!;

    public static long CountConfirmed(StoreConnection connection) =>
        (long)connection.Command("SELECT count(*) FROM trackers WHERE confirmed").ExecuteScalar()!;
}
