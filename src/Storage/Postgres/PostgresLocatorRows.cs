using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Postgres;

/// <summary>
/// Reads of the watched rows through the per-profile partial locator indexes (migration 0007) over (tower, locator):
/// bucket loading reads the index only; a hit lookup, a handful of rows a block, also fetches their uuids.
/// </summary>
internal sealed class PostgresLocatorRows(PostgresAccess access) : ILocatorRows
{
    // The profile is a literal in each branch so that the planner picks that profile's partial index.
    private static readonly string BucketSql =
        $"""
        {BucketBranch(ClientProfile.Rust)}
        UNION ALL
        {BucketBranch(ClientProfile.Python)}
        """;

    private static readonly string WatchedSql =
        $"""
        {WatchedBranch("$2", ClientProfile.Rust)}
        UNION ALL
        {WatchedBranch("$3", ClientProfile.Python)}
        """;

    public Task<IReadOnlyList<WatchedLocator>> LoadBucketAsync(TowerKey tower, int bucket, int bucketBits, CancellationToken cancellationToken)
    {
        var range = LocatorRange.Of(bucket, bucketBits);
        return access.ReadListAsync(
            BucketSql,
            reader => new WatchedLocator(LocatorColumn.Read(reader, 0), Columns.Profile(reader, 1)),
            cancellationToken,
            tower.Value,
            LocatorColumn.ToValue(range.First),
            LocatorColumn.ToValue(range.Last));
    }

    public Task<IReadOnlyList<WatchedAppointment>> FindWatchedAsync(
        TowerKey tower, IReadOnlyCollection<Locator> rust, IReadOnlyCollection<Locator> python, CancellationToken cancellationToken)
    {
        if (rust.Count == 0 && python.Count == 0)
            return Task.FromResult<IReadOnlyList<WatchedAppointment>>([]);
        return access.ReadListAsync(
            WatchedSql,
            reader => new WatchedAppointment(Columns.Uuid(reader, 0), LocatorColumn.Read(reader, 1), Columns.Profile(reader, 2)),
            cancellationToken,
            tower.Value,
            Keys(rust),
            Keys(python));
    }

    public Task<IReadOnlyList<AppointmentUuid>> GetTriggeredAsync(TowerKey tower, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            "SELECT uuid FROM appointments WHERE tower = $1 AND triggered",
            reader => Columns.Uuid(reader, 0),
            cancellationToken,
            tower.Value);

    internal static string BucketQuery => BucketSql;

    internal static string WatchedQuery => WatchedSql;

    private static string BucketBranch(ClientProfile profile) =>
        $"""
        SELECT locator, {(int)profile}::smallint FROM appointments
        WHERE tower = $1 AND locator BETWEEN $2 AND $3 AND profile = {(int)profile} AND NOT triggered
        """;

    private static string WatchedBranch(string candidates, ClientProfile profile) =>
        $"""
        SELECT uuid, locator, {(int)profile}::smallint FROM appointments
        WHERE tower = $1 AND locator = ANY({candidates}::uuid[]) AND profile = {(int)profile} AND NOT triggered
        """;

    /// <summary>Distinct and sorted, so that the scan walks the index in order.</summary>
    private static Guid[] Keys(IReadOnlyCollection<Locator> locators) => [.. locators.Distinct().Order().Select(LocatorColumn.ToValue)];
}
