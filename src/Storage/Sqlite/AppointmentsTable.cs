using Microsoft.Data.Sqlite;
using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

internal static class AppointmentsTable
{
    /// <summary>
    /// The columns <see cref="Read"/> expects, in order, for appointments <c>a</c> joined to their owners <c>u</c>
    /// (<see cref="OwnerJoin"/>): a row keeps only its owner's integer key (migration 0005).
    /// </summary>
    public const string Columns =
        "a.uuid, a.locator, a.encrypted_blob, a.to_self_delay, a.user_signature, a.start_block, u.user_id, a.profile";

    public const string OwnerJoin = "JOIN users u ON u.user_key = a.user_key";

    private const string UserKeyOfParameter = "(SELECT user_key FROM users WHERE user_id = $user_id)";

    public const int ColumnCount = 8;

    public static Appointment Read(SqliteDataReader reader, int first = 0) => new(
        Sqlite.Columns.Uuid(reader, first),
        Sqlite.Columns.Locator(reader, first + 1),
        Sqlite.Columns.Bytes(reader, first + 2),
        Sqlite.Columns.UInt32(reader, first + 3),
        SignatureColumn.Read(reader, first + 4),
        Sqlite.Columns.UInt32(reader, first + 5),
        Sqlite.Columns.UserId(reader, first + 6),
        Sqlite.Columns.Profile(reader, first + 7));

    private const string RecordQuery =
        $"SELECT {Columns}, {TrackersTable.StatusColumns} FROM appointments a {OwnerJoin} LEFT JOIN trackers t ON t.uuid = a.uuid";

    public static AppointmentRecord? Get(StoreConnection connection, AppointmentUuid uuid)
    {
        var command = connection.Command($"{RecordQuery} WHERE a.uuid = $uuid");
        command.Parameters.AddWithValue("$uuid", uuid.ToArray());
        return ReadRecords(command).SingleOrDefault();
    }

    public static IReadOnlyList<AppointmentRecord> GetPage(StoreConnection connection, AppointmentUuid? after, int limit)
    {
        var command = connection.Command($"{RecordQuery} WHERE a.uuid > $after ORDER BY a.uuid LIMIT $limit");
        command.Parameters.AddWithValue("$after", after?.ToArray() ?? []);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadRecords(command);
    }

    public static IReadOnlyList<AppointmentRecord> GetByLocator(StoreConnection connection, Locator locator)
    {
        // Per profile, so that each branch can use its profile's locator index.
        var command = connection.Command(
            $"{RecordQuery} WHERE a.locator = $locator AND a.profile = {(int)ClientProfile.Rust} UNION ALL {RecordQuery} WHERE a.locator = $locator AND a.profile = {(int)ClientProfile.Python}");
        command.Parameters.AddWithValue("$locator", locator.ToArray());
        return ReadRecords(command);
    }

    public static IReadOnlyList<AppointmentUuid> GetUuids(StoreConnection connection, UserId userId)
    {
        var command = connection.Command($"SELECT uuid FROM appointments WHERE user_key = {UserKeyOfParameter}");
        command.Parameters.AddWithValue("$user_id", userId.ToArray());
        var uuids = new List<AppointmentUuid>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            uuids.Add(Sqlite.Columns.Uuid(reader, 0));
        return uuids;
    }

    private static List<AppointmentRecord> ReadRecords(SqliteCommand command)
    {
        var records = new List<AppointmentRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var appointment = Read(reader);
            var tracker = reader.IsDBNull(ColumnCount) ? null : TrackersTable.Read(reader, appointment, ColumnCount);
            records.Add(new AppointmentRecord(appointment, tracker));
        }

        return records;
    }

    public static StoredAppointmentState? GetState(StoreConnection connection, AppointmentUuid uuid)
    {
        var command = connection.Command(
            """
            SELECT length(a.encrypted_blob), EXISTS (SELECT 1 FROM trackers t WHERE t.uuid = a.uuid)
            FROM appointments a WHERE a.uuid = $uuid
            """);
        command.Parameters.AddWithValue("$uuid", uuid.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredAppointmentState(reader.GetInt32(0), Sqlite.Columns.Boolean(reader, 1)) : null;
    }

    /// <summary>
    /// Upsert by uuid. Locator and owner follow from the uuid; the profile is kept from the first accept, so a
    /// re-registration under another profile never changes how an existing row is matched (spec 9). The owner's
    /// row exists: the appointment's charge is saved before it. <paramref name="ownerKey"/> is that row's key when
    /// the transaction knows it; without it the key is looked up by public key.
    /// </summary>
    public static void Save(StoreConnection connection, Appointment appointment, long? ownerKey)
    {
        var command = connection.Command(
            $"""
            INSERT INTO appointments
                (uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile)
            VALUES ($uuid, $locator, $blob, $delay, $signature, $start, {(ownerKey is null ? UserKeyOfParameter : "$user_key")}, $profile)
            ON CONFLICT (uuid) DO UPDATE SET
                encrypted_blob = excluded.encrypted_blob,
                to_self_delay = excluded.to_self_delay,
                user_signature = excluded.user_signature,
                start_block = excluded.start_block
            """);
        var parameters = command.Parameters;
        parameters.AddWithValue("$uuid", appointment.Uuid.ToArray());
        parameters.AddWithValue("$locator", appointment.Locator.ToArray());
        parameters.AddWithValue("$blob", appointment.EncryptedBlob);
        parameters.AddWithValue("$delay", (long)appointment.ToSelfDelay);
        parameters.AddWithValue("$signature", SignatureColumn.ToValue(appointment.UserSignature));
        parameters.AddWithValue("$start", (long)appointment.StartBlock);
        if (ownerKey is { } key)
            parameters.AddWithValue("$user_key", key);
        else
            parameters.AddWithValue("$user_id", appointment.UserId.ToArray());
        parameters.AddWithValue("$profile", (int)appointment.Profile);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Deletes the rows (their trackers cascade). With refund, each owner first gets back the slots of its
    /// deleted blobs, ceil(len / 2048) each, saturating at u32 max; all in SQL, one statement per step.
    /// </summary>
    public static void Delete(StoreConnection connection, IReadOnlyCollection<AppointmentUuid> uuids, bool refund)
    {
        if (uuids.Count == 0)
            return;
        var packed = PackedKeys.Pack(uuids, uuids.Count, AppointmentUuid.Size, static (uuid, span) => uuid.Bytes.CopyTo(span));
        var doomed = $"WITH {PackedKeys.Unpack("doomed", "$uuids", AppointmentUuid.Size)}";
        if (refund)
        {
            var refundCommand = connection.Command(
                $"""
                {doomed}
                UPDATE users SET available_slots = min(4294967295, available_slots + (
                    SELECT coalesce(sum((length(a.encrypted_blob) + 2047) / 2048), 0) FROM appointments a
                    WHERE a.user_key = users.user_key AND a.uuid IN (SELECT key FROM doomed)))
                WHERE user_key IN (SELECT a.user_key FROM appointments a WHERE a.uuid IN (SELECT key FROM doomed))
                """);
            refundCommand.Parameters.AddWithValue("$uuids", packed);
            refundCommand.ExecuteNonQuery();
        }

        var command = connection.Command($"{doomed} DELETE FROM appointments WHERE uuid IN (SELECT key FROM doomed)");
        command.Parameters.AddWithValue("$uuids", packed);
        command.ExecuteNonQuery();
    }

    public static IReadOnlyList<Locator> GetLocators(StoreConnection connection, UserId userId)
    {
        var command = connection.Command($"SELECT locator FROM appointments WHERE user_key = {UserKeyOfParameter}");
        command.Parameters.AddWithValue("$user_id", userId.ToArray());
        var locators = new List<Locator>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            locators.Add(Sqlite.Columns.Locator(reader, 0));
        return locators;
    }

    public static long Count(StoreConnection connection) =>
        (long)connection.Command("SELECT count(*) FROM appointments").ExecuteScalar()!;
}
