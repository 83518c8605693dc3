using Npgsql;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

internal sealed class PostgresOperatorQueries(PostgresAccess access) : IOperatorQueries
{
    private const string Select = $"SELECT a.uuid, {AppointmentColumns.State} FROM appointments a {AppointmentColumns.OwnerJoin}";

    public async Task<TowerCounts> GetCountsAsync(TowerKey tower, CancellationToken cancellationToken) =>
        // One statement, one snapshot: the counts agree with each other. Each count reads an index.
        (await access.ReadListAsync(
            """
            SELECT (SELECT count(*) FROM users WHERE tower = $1),
                   (SELECT count(*) FROM appointments WHERE tower = $1 AND profile = 0 AND NOT triggered)
                 + (SELECT count(*) FROM appointments WHERE tower = $1 AND profile = 1 AND NOT triggered),
                   (SELECT count(*) FROM appointments WHERE tower = $1 AND triggered)
            """,
            reader => new TowerCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)),
            cancellationToken,
            tower.Value).ConfigureAwait(false))[0];

    public Task<IReadOnlyList<UserId>> GetUserIdsAsync(TowerKey tower, UserId? after, int limit, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            "SELECT user_id FROM users WHERE tower = $1 AND user_id > $2 ORDER BY user_id LIMIT $3",
            reader => Columns.UserId(reader, 0),
            cancellationToken,
            tower.Value,
            after?.ToArray() ?? [],
            (long)limit);

    public Task<IReadOnlyList<StoredAppointment>> GetAppointmentsAsync(TowerKey tower, AppointmentUuid? after, int limit, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            $"{Select} WHERE a.tower = $1 AND a.uuid > $2 ORDER BY a.uuid LIMIT $3",
            Read,
            cancellationToken,
            tower.Value,
            after?.ToArray() ?? [],
            (long)limit);

    /// <summary>Watched rows through each profile's locator index; triggered ones (few: one per active tracker) through theirs.</summary>
    public Task<IReadOnlyList<StoredAppointment>> GetAppointmentsByLocatorAsync(TowerKey tower, Locator locator, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            $"""
            {Select} WHERE a.tower = $1 AND a.locator = $2 AND a.profile = {(int)ClientProfile.Rust} AND NOT a.triggered
            UNION ALL
            {Select} WHERE a.tower = $1 AND a.locator = $2 AND a.profile = {(int)ClientProfile.Python} AND NOT a.triggered
            UNION ALL
            {Select} WHERE a.tower = $1 AND a.triggered AND a.locator = $2
            """,
            Read,
            cancellationToken,
            tower.Value,
            LocatorColumn.ToValue(locator));

    private static StoredAppointment Read(NpgsqlDataReader reader) => new(Columns.Uuid(reader, 0), AppointmentRows.Read(reader, 1));
}
