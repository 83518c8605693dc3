using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Reads of the watched rows through the per-profile partial locator indexes (migration 0006), which hold the
/// tower, the locator and the uuid of every untriggered row: bucket loading and hit lookups never read the table.
/// </summary>
internal sealed class SqliteLocatorRows(SqliteAccess access) : ILocatorRows
{
    // The profile is a literal in each branch so that SQLite picks that profile's partial index.
    private static readonly string BucketSql =
        $"""
        {BucketBranch(ClientProfile.Rust)}
        UNION ALL
        {BucketBranch(ClientProfile.Python)}
        """;

    private static readonly string WatchedSql =
        $"""
        WITH
        {PackedKeys.Unpack("rust", "$rust", Locator.Size)},
        {PackedKeys.Unpack("python", "$python", Locator.Size)}
        {WatchedBranch("rust", ClientProfile.Rust)}
        UNION ALL
        {WatchedBranch("python", ClientProfile.Python)}
        """;

    public Task<IReadOnlyList<WatchedLocator>> LoadBucketAsync(TowerKey tower, int bucket, int bucketBits, CancellationToken cancellationToken)
    {
        var range = LocatorRange.Of(bucket, bucketBits);
        return access.ReadAsync<IReadOnlyList<WatchedLocator>>(
            connection =>
            {
                var command = connection.Command(BucketSql);
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$first", range.First);
                command.Parameters.AddWithValue("$last", range.Last);
                return command.ReadAll(reader => new WatchedLocator(Columns.Locator(reader, 0), Columns.Profile(reader, 1)));
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<WatchedAppointment>> FindWatchedAsync(
        TowerKey tower, IReadOnlyCollection<Locator> rust, IReadOnlyCollection<Locator> python, CancellationToken cancellationToken)
    {
        if (rust.Count == 0 && python.Count == 0)
            return Task.FromResult<IReadOnlyList<WatchedAppointment>>([]);
        return access.ReadAsync<IReadOnlyList<WatchedAppointment>>(
            connection =>
            {
                var command = connection.Command(WatchedSql);
                command.Parameters.AddWithValue("$tower", tower.Value);
                command.Parameters.AddWithValue("$rust", Pack(rust));
                command.Parameters.AddWithValue("$python", Pack(python));
                return command.ReadAll(reader => new WatchedAppointment(Columns.Uuid(reader, 0), Columns.Locator(reader, 1), Columns.Profile(reader, 2)));
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<AppointmentUuid>> GetTriggeredAsync(TowerKey tower, CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<AppointmentUuid>>(
            connection =>
            {
                var command = connection.Command("SELECT uuid FROM appointments WHERE tower = $tower AND triggered = 1");
                command.Parameters.AddWithValue("$tower", tower.Value);
                return command.ReadAll(reader => Columns.Uuid(reader, 0));
            },
            cancellationToken);

    internal static string BucketQuery => BucketSql;

    internal static string WatchedQuery => WatchedSql;

    private static string BucketBranch(ClientProfile profile) =>
        $"""
        SELECT locator, {(int)profile} FROM appointments
        WHERE tower = $tower AND locator BETWEEN $first AND $last AND profile = {(int)profile} AND triggered = 0
        """;

    /// <summary>The candidates drive the join (CROSS JOIN fixes that loop order): one index seek per candidate.</summary>
    private static string WatchedBranch(string candidates, ClientProfile profile) =>
        $"""
        SELECT a.uuid, a.locator, {(int)profile}
        FROM {candidates} c
        CROSS JOIN appointments a ON a.tower = $tower AND a.locator = c.key AND a.profile = {(int)profile} AND a.triggered = 0
        """;

    /// <summary>Distinct and sorted, so that the seeks walk the index in order.</summary>
    private static byte[] Pack(IReadOnlyCollection<Locator> locators)
    {
        var sorted = locators.Distinct().Order().ToArray();
        return PackedKeys.Pack(sorted, sorted.Length, Locator.Size, static (locator, span) => locator.WriteTo(span));
    }
}
