using Microsoft.Data.Sqlite;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Sqlite;

/// <summary>The appointments table's statements: a row is an <see cref="AppointmentState"/> keyed by (tower, uuid).</summary>
internal static class AppointmentRows
{
    /// <summary>The <see cref="AppointmentColumns.State"/> from <paramref name="first"/> on.</summary>
    public static AppointmentState Read(SqliteDataReader reader, int first = 0) => new()
    {
        Locator = Columns.Locator(reader, first),
        EncryptedBlob = Columns.Bytes(reader, first + 1),
        ToSelfDelay = Columns.UInt32(reader, first + 2),
        UserSignature = SignatureColumn.Read(reader, first + 3),
        StartBlock = Columns.UInt32(reader, first + 4),
        UserId = Columns.UserId(reader, first + 5),
        Profile = Columns.Profile(reader, first + 6),
        Triggered = Columns.Boolean(reader, first + 7),
    };

    public static AppointmentState? Get(StoreConnection connection, TowerKey tower, AppointmentUuid uuid)
    {
        var command = connection.Command($"SELECT {AppointmentColumns.State} FROM appointments a {AppointmentColumns.OwnerJoin} WHERE a.tower = $tower AND a.uuid = $uuid");
        command.Parameters.AddWithValue("$tower", tower.Value);
        command.Parameters.AddWithValue("$uuid", uuid.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>
    /// Upsert by (tower, uuid); the owner is named by its integer key, looked up by the state's user id within the
    /// tower. A missing owner leaves the key null, which the schema refuses.
    /// </summary>
    public static void Save(StoreConnection connection, TowerKey tower, AppointmentUuid uuid, AppointmentState state)
    {
        var command = connection.Command(
            """
            INSERT INTO appointments
                (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered)
            VALUES ($tower, $uuid, $locator, $blob, $delay, $signature, $start,
                    (SELECT user_key FROM users WHERE tower = $tower AND user_id = $user_id), $profile, $triggered)
            ON CONFLICT (tower, uuid) DO UPDATE SET
                encrypted_blob = excluded.encrypted_blob,
                to_self_delay = excluded.to_self_delay,
                user_signature = excluded.user_signature,
                start_block = excluded.start_block,
                profile = excluded.profile,
                triggered = excluded.triggered
            """);
        var parameters = command.Parameters;
        parameters.AddWithValue("$tower", tower.Value);
        parameters.AddWithValue("$uuid", uuid.ToArray());
        parameters.AddWithValue("$locator", state.Locator.ToArray());
        parameters.AddWithValue("$blob", state.EncryptedBlob);
        parameters.AddWithValue("$delay", (long)state.ToSelfDelay);
        parameters.AddWithValue("$signature", SignatureColumn.ToValue(state.UserSignature));
        parameters.AddWithValue("$start", (long)state.StartBlock);
        parameters.AddWithValue("$user_id", state.UserId.ToArray());
        parameters.AddWithValue("$profile", (int)state.Profile);
        parameters.AddWithValue("$triggered", state.Triggered);
        command.ExecuteNonQuery();
    }

    public static void Delete(StoreConnection connection, TowerKey tower, AppointmentUuid uuid)
    {
        var command = connection.Command("DELETE FROM appointments WHERE tower = $tower AND uuid = $uuid");
        command.Parameters.AddWithValue("$tower", tower.Value);
        command.Parameters.AddWithValue("$uuid", uuid.ToArray());
        command.ExecuteNonQuery();
    }
}
