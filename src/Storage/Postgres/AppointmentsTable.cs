using Npgsql;
using Teos.Grains.Appointments;
using Teos.Grains.Store;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

internal static class AppointmentsTable
{
    /// <summary>
    /// The columns <see cref="Read"/> expects, in order, for appointments <c>a</c> joined to their owners <c>u</c>
    /// (<see cref="OwnerJoin"/>): a row keeps only its owner's integer key (migration 0006).
    /// </summary>
    public const string SelectList =
        "a.uuid, a.locator, a.encrypted_blob, a.to_self_delay, a.user_signature, a.start_block, u.user_id, a.profile";

    public const string OwnerJoin = "JOIN users u ON u.user_key = a.user_key";

    /// <summary>The owner's key, for a statement whose parameter <paramref name="parameter"/> is the user id.</summary>
    private static string UserKeyOf(string parameter) => $"(SELECT user_key FROM users WHERE user_id = {parameter})";

    public const int ColumnCount = 8;

    private const string StateSql =
        """
        SELECT length(a.encrypted_blob), EXISTS (SELECT 1 FROM trackers t WHERE t.uuid = a.uuid)
        FROM appointments a WHERE a.uuid = $1
        """;

    private const string RecordQuery =
        $"SELECT {SelectList}, {TrackersTable.StatusColumns} FROM appointments a {OwnerJoin} LEFT JOIN trackers t ON t.uuid = a.uuid";

    public static Appointment Read(NpgsqlDataReader reader) => new(
        Columns.Uuid(reader, 0),
        Columns.Locator(reader, 1),
        Columns.Bytes(reader, 2),
        Columns.PackedUInt32(reader, 3),
        SignatureColumn.Read(reader, 4),
        Columns.PackedUInt32(reader, 5),
        Columns.UserId(reader, 6),
        Columns.Profile(reader, 7));

    public static Task<AppointmentRecord?> GetAsync(NpgsqlConnection connection, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        connection.Command($"{RecordQuery} WHERE a.uuid = $1", uuid.ToArray()).SingleOrDefaultAsync(ReadRecord, cancellationToken);

    /// <summary>In uuid order: a walk of the primary key.</summary>
    public static Task<List<AppointmentRecord>> GetPageAsync(NpgsqlConnection connection, AppointmentUuid? after, int limit, CancellationToken cancellationToken) =>
        connection.Command($"{RecordQuery} WHERE a.uuid > $1 ORDER BY a.uuid LIMIT $2", after?.ToArray() ?? [], (long)limit)
            .ListAsync(ReadRecord, cancellationToken);

    public static Task<List<AppointmentRecord>> GetByLocatorAsync(NpgsqlConnection connection, Locator locator, CancellationToken cancellationToken) =>
        // Per profile, so that each branch can use its profile's locator index.
        connection.Command(
                $"{RecordQuery} WHERE a.locator = $1 AND a.profile = {(int)ClientProfile.Rust} UNION ALL {RecordQuery} WHERE a.locator = $1 AND a.profile = {(int)ClientProfile.Python}",
                locator.ToArray())
            .ListAsync(ReadRecord, cancellationToken);

    public static Task<List<AppointmentUuid>> GetUuidsAsync(NpgsqlConnection connection, UserId userId, CancellationToken cancellationToken) =>
        connection.Command($"SELECT uuid FROM appointments WHERE user_key = {UserKeyOf("$1")}", userId.ToArray())
            .ListAsync(reader => Columns.Uuid(reader, 0), cancellationToken);

    public static Task<List<Locator>> GetLocatorsAsync(NpgsqlConnection connection, UserId userId, CancellationToken cancellationToken) =>
        connection.Command($"SELECT locator FROM appointments WHERE user_key = {UserKeyOf("$1")}", userId.ToArray())
            .ListAsync(reader => Columns.Locator(reader, 0), cancellationToken);

    public static Task<long> CountAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.Command("SELECT count(*) FROM appointments").ScalarAsync<long>(cancellationToken);

    public static Task<StoredAppointmentState?> GetStateAsync(NpgsqlConnection connection, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        connection.Command(StateSql, uuid.ToArray()).SingleOrDefaultAsync(ReadState, cancellationToken);

    /// <summary>The state read as a statement of a caller's batch; <see cref="ReadStateAsync"/> reads its row.</summary>
    public static NpgsqlBatchCommand GetState(AppointmentUuid uuid) => Commands.BatchCommand(StateSql, uuid.ToArray());

    public static async Task<StoredAppointmentState?> ReadStateAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadState(reader) : null;

    private static StoredAppointmentState ReadState(NpgsqlDataReader reader) => new(reader.GetInt32(0), reader.GetBoolean(1));

    /// <summary>
    /// Upsert by uuid (locator and owner follow from it). The profile is kept from the first accept, so a
    /// re-registration under another profile never changes how an existing row is matched (spec 9). The owner's
    /// row exists: the appointment's charge is saved before it. <paramref name="ownerKey"/> is that row's key when
    /// the transaction knows it; without it the key is looked up by public key.
    /// </summary>
    public static NpgsqlBatchCommand Save(Appointment appointment, long? ownerKey) =>
        Commands.BatchCommand(
            $"""
            INSERT INTO appointments
                (uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile)
            VALUES ($1, $2, $3, $4, $5, $6, {(ownerKey is null ? UserKeyOf("$7") : "$7")}, $8)
            ON CONFLICT (uuid) DO UPDATE SET
                encrypted_blob = excluded.encrypted_blob,
                to_self_delay = excluded.to_self_delay,
                user_signature = excluded.user_signature,
                start_block = excluded.start_block
            """,
            appointment.Uuid.ToArray(),
            appointment.Locator.ToArray(),
            appointment.EncryptedBlob,
            Columns.Pack(appointment.ToSelfDelay),
            SignatureColumn.ToValue(appointment.UserSignature),
            Columns.Pack(appointment.StartBlock),
            ownerKey is { } key ? (int)key : appointment.UserId.ToArray(),
            (short)appointment.Profile);

    /// <summary>
    /// Deletes the rows (their trackers cascade). With refund, the same statement gives each owner back the slots
    /// of its deleted blobs, ceil(len / 2048) each, saturating at u32 max.
    /// </summary>
    public static Task DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<AppointmentUuid> uuids, bool refund, CancellationToken cancellationToken)
    {
        if (uuids.Count == 0)
            return Task.CompletedTask;
        var keys = uuids.Select(uuid => uuid.ToArray()).ToArray();
        if (!refund)
            return connection.Command("DELETE FROM appointments WHERE uuid = ANY($1)", (object)keys).RunAsync(cancellationToken);
        return connection.Command(
            """
            WITH deleted AS (DELETE FROM appointments WHERE uuid = ANY($1) RETURNING user_key, encrypted_blob),
            refunds AS (SELECT user_key, sum((length(encrypted_blob) + 2047) / 2048) AS slots FROM deleted GROUP BY user_key)
            UPDATE users u SET available_slots = least(4294967295, u.available_slots + r.slots)
            FROM refunds r WHERE u.user_key = r.user_key
            """,
            (object)keys).RunAsync(cancellationToken);
    }

    private static AppointmentRecord ReadRecord(NpgsqlDataReader reader)
    {
        var appointment = Read(reader);
        var tracker = reader.IsDBNull(ColumnCount) ? null : TrackersTable.Read(reader, appointment, ColumnCount);
        return new AppointmentRecord(appointment, tracker);
    }
}
