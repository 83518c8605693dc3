using Npgsql;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Postgres;

/// <summary>The appointments table's statements: a row is an <see cref="AppointmentState"/> keyed by (tower, uuid).</summary>
internal static class AppointmentRows
{
    /// <summary>The <see cref="AppointmentColumns.State"/> from <paramref name="first"/> on.</summary>
    public static AppointmentState Read(NpgsqlDataReader reader, int first = 0) => new()
    {
        Locator = LocatorColumn.Read(reader, first),
        EncryptedBlob = Columns.Bytes(reader, first + 1),
        ToSelfDelay = Columns.PackedUInt32(reader, first + 2),
        UserSignature = SignatureColumn.Read(reader, first + 3),
        StartBlock = Columns.PackedUInt32(reader, first + 4),
        UserId = Columns.UserId(reader, first + 5),
        Profile = Columns.Profile(reader, first + 6),
        Triggered = reader.GetBoolean(first + 7),
    };

    public static Task<AppointmentState?> GetAsync(NpgsqlConnection connection, TowerKey tower, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        connection.Command($"SELECT {AppointmentColumns.State} FROM appointments a {AppointmentColumns.OwnerJoin} WHERE a.tower = $1 AND a.uuid = $2", tower.Value, uuid.ToArray())
            .SingleOrDefaultAsync(reader => Read(reader), cancellationToken);

    /// <summary>
    /// Upsert by (tower, uuid); the owner is named by its integer key, looked up by the state's user id within the
    /// tower. A missing owner leaves the key null, which the schema refuses.
    /// </summary>
    public static NpgsqlBatchCommand Save(TowerKey tower, AppointmentUuid uuid, AppointmentState state) =>
        Commands.BatchCommand(
            """
            INSERT INTO appointments
                (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered)
            VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT user_key FROM users WHERE tower = $1 AND user_id = $8), $9, $10)
            ON CONFLICT (tower, uuid) DO UPDATE SET
                encrypted_blob = excluded.encrypted_blob,
                to_self_delay = excluded.to_self_delay,
                user_signature = excluded.user_signature,
                start_block = excluded.start_block,
                profile = excluded.profile,
                triggered = excluded.triggered
            """,
            tower.Value,
            uuid.ToArray(),
            LocatorColumn.ToValue(state.Locator),
            state.EncryptedBlob,
            Columns.Pack(state.ToSelfDelay),
            SignatureColumn.ToValue(state.UserSignature),
            Columns.Pack(state.StartBlock),
            state.UserId.ToArray(),
            (short)state.Profile,
            state.Triggered);

    public static NpgsqlBatchCommand Delete(TowerKey tower, AppointmentUuid uuid) =>
        Commands.BatchCommand("DELETE FROM appointments WHERE tower = $1 AND uuid = $2", tower.Value, uuid.ToArray());
}
