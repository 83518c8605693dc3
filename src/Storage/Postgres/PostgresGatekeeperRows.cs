using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

internal sealed class PostgresGatekeeperRows(PostgresAccess access) : IGatekeeperRows
{
    public Task<IReadOnlyList<OwnedAppointment>> GetUserAppointmentsAsync(TowerKey tower, UserId user, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            """
            SELECT uuid, locator, length(encrypted_blob), triggered FROM appointments
            WHERE user_key = (SELECT user_key FROM users WHERE tower = $1 AND user_id = $2)
            ORDER BY uuid
            """,
            reader => new OwnedAppointment(Columns.Uuid(reader, 0), LocatorColumn.Read(reader, 1), reader.GetInt32(2), reader.GetBoolean(3)),
            cancellationToken,
            tower.Value,
            user.ToArray());

    public Task BurnAsync(TowerKey tower, UserId user, AppointmentUuid uuid, UserState after, CancellationToken cancellationToken) =>
        access.WriteAsync(() => [AppointmentRows.Delete(tower, uuid), UserRows.Save(tower, user, after)], cancellationToken);

    public Task DeleteAppointmentAsync(TowerKey tower, AppointmentUuid uuid, CancellationToken cancellationToken) =>
        access.WriteAsync(() => [AppointmentRows.Delete(tower, uuid)], cancellationToken);

    public Task<IReadOnlyList<UserId>> GetOutdatedUsersAsync(TowerKey tower, long height, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            "SELECT user_id FROM users WHERE tower = $1 AND deletion_height <= $2",
            reader => Columns.UserId(reader, 0),
            cancellationToken,
            tower.Value,
            height);
}
