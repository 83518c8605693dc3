using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

internal sealed class SqliteGatekeeperRows(SqliteAccess access) : IGatekeeperRows
{
    public Task<IReadOnlyList<OwnedAppointment>> GetUserAppointmentsAsync(TowerKey tower, UserId user, CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<OwnedAppointment>>(
            connection =>
            {
                // The owner index; the rows themselves only for their lengths.
                var command = connection.Command(
                    """
                    SELECT uuid, locator, length(encrypted_blob), triggered FROM appointments
                    WHERE user_key = (SELECT user_key FROM users WHERE tower = $tower AND user_id = $user_id)
                    ORDER BY uuid
                    """);
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$user_id", user.ToArray());
                return command.ReadAll(reader => new OwnedAppointment(Columns.Uuid(reader, 0), Columns.Locator(reader, 1), reader.GetInt32(2), Columns.Boolean(reader, 3)));
            },
            cancellationToken);

    public Task BurnAsync(TowerKey tower, UserId user, AppointmentUuid uuid, UserState after, CancellationToken cancellationToken) =>
        access.WriteAsync(
            connection =>
            {
                AppointmentRows.Delete(connection, tower, uuid);
                UserRows.Save(connection, tower, user, after);
            },
            cancellationToken);

    public Task DeleteAppointmentAsync(TowerKey tower, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        access.WriteAsync(connection => AppointmentRows.Delete(connection, tower, uuid), cancellationToken);

    public Task<IReadOnlyList<UserId>> GetOutdatedUsersAsync(TowerKey tower, long height, CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<UserId>>(
            connection =>
            {
                var command = connection.Command("SELECT user_id FROM users WHERE tower = $tower AND deletion_height <= $height");
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$height", height);
                return command.ReadAll(reader => Columns.UserId(reader, 0));
            },
            cancellationToken);
}
