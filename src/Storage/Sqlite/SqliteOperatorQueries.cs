using Microsoft.Data.Sqlite;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

internal sealed class SqliteOperatorQueries(SqliteAccess access) : IOperatorQueries
{
    private const string Select = $"SELECT a.uuid, {AppointmentColumns.State} FROM appointments a {AppointmentColumns.OwnerJoin}";

    public Task<TowerCounts> GetCountsAsync(TowerKey tower, CancellationToken cancellationToken) =>
        access.ReadAsync(
            connection =>
            {
                // One statement, one snapshot: the counts agree with each other. Each count reads an index.
                var command = connection.Command(
                    """
                    SELECT (SELECT count(*) FROM users WHERE tower = $tower),
                           (SELECT count(*) FROM appointments WHERE tower = $tower AND profile = 0 AND triggered = 0)
                         + (SELECT count(*) FROM appointments WHERE tower = $tower AND profile = 1 AND triggered = 0),
                           (SELECT count(*) FROM appointments WHERE tower = $tower AND triggered = 1)
                    """);
                command.Parameters.AddWithValue("$tower", tower.Value);
                using var reader = command.ExecuteReader();
                reader.Read();
                return new TowerCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            },
            cancellationToken);

    public Task<IReadOnlyList<UserId>> GetUserIdsAsync(TowerKey tower, UserId? after, int limit, CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<UserId>>(
            connection =>
            {
                var command = connection.Command("SELECT user_id FROM users WHERE tower = $tower AND user_id > $after ORDER BY user_id LIMIT $limit");
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$after", after?.ToArray() ?? []);
                command.Parameters.AddWithValue("$limit", limit);
                return command.ReadAll(reader => Columns.UserId(reader, 0));
            },
            cancellationToken);

    public Task<IReadOnlyList<StoredAppointment>> GetAppointmentsAsync(TowerKey tower, AppointmentUuid? after, int limit, CancellationToken cancellationToken) =>
        access.ReadAsync(
            connection =>
            {
                var command = connection.Command($"{Select} WHERE a.tower = $tower AND a.uuid > $after ORDER BY a.uuid LIMIT $limit");
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$after", after?.ToArray() ?? []);
                command.Parameters.AddWithValue("$limit", limit);
                return ReadStored(command);
            },
            cancellationToken);

    /// <summary>Watched rows through each profile's locator index; triggered ones (few: one per active tracker) through theirs.</summary>
    public Task<IReadOnlyList<StoredAppointment>> GetAppointmentsByLocatorAsync(TowerKey tower, Locator locator, CancellationToken cancellationToken) =>
        access.ReadAsync(
            connection =>
            {
                var command = connection.Command(
                    $"""
                    {Select} WHERE a.tower = $tower AND a.locator = $locator AND a.profile = {(int)ClientProfile.Rust} AND a.triggered = 0
                    UNION ALL
                    {Select} WHERE a.tower = $tower AND a.locator = $locator AND a.profile = {(int)ClientProfile.Python} AND a.triggered = 0
                    UNION ALL
                    {Select} WHERE a.tower = $tower AND a.triggered = 1 AND a.locator = $locator
                    """);
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$locator", locator.ToArray());
                return ReadStored(command);
            },
            cancellationToken);

    private static IReadOnlyList<StoredAppointment> ReadStored(SqliteCommand command)
    {
        return command.ReadAll(reader => new StoredAppointment(Columns.Uuid(reader, 0), AppointmentRows.Read(reader, 1)));
    }
}
