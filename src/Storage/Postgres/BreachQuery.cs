using Npgsql;
using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Postgres;

/// <summary>
/// The per-block match (spec 4.3): one statement for the whole block. Each profile's locators arrive as one
/// bytea[] parameter, sorted; one scan of that profile's locator index (migration 0004) looks them all up
/// (<c>locator = ANY</c>: a descent per candidate, inside one index scan), so the cost follows the block's size, not
/// the number of stored appointments. Only the rows found, about ten a block, then meet their owners and trackers.
/// The OFFSET 0 subqueries keep that order of work: as plain joins the planner chose a hash join over a scan of
/// every appointment (round 3: 94 ms instead of 17 ms at 10^5 rows) or of every user (round 5).
/// </summary>
internal static class BreachQuery
{
    /// <summary>
    /// For the rest of the block's transaction, plans that do not depend on the values bound. The match's best plan
    /// is the same for every block; a custom plan, made for the block's 4,000 known candidates, is planned anew each
    /// time (3-4 ms) and scans the users table once per match instead of probing its key (at 10^7 appointments and
    /// 10^4 users, psql: 27-53 ms against 17-37 ms). Npgsql prepares a statement only after a few uses on one
    /// connection, and the block's pooled connection changes, so without this most blocks got a custom plan.
    /// </summary>
    internal const string GenericPlan = "SET LOCAL plan_cache_mode = force_generic_plan";

    internal static readonly string Sql =
        $"""
        {Branch("$1", ClientProfile.Rust)}
        UNION ALL
        {Branch("$2", ClientProfile.Python)}
        """;

    /// <summary>
    /// The match for one profile's candidates; the literal profile selects its partial locator index. Round 3 to 6
    /// probed the index once per candidate through a LATERAL subquery; one array scan does the same descents without
    /// restarting an index scan 4,000 times (psql, 10^6 rows, 4,000 candidates: 15-24 ms against 27-45 ms).
    /// The last condition is evaluated once, before the scan: a tower without users of this profile (most have only
    /// rust-teos ones) skips it, 6.6 ms of a block at 10^5 appointments. It asks for the first locator in order, so
    /// that the planner reads the first entry of that index; for an EXISTS it chose a table scan.
    /// </summary>
    private static string Branch(string candidates, ClientProfile profile) =>
        $"""
        SELECT {AppointmentsTable.SelectList}
        FROM (SELECT * FROM appointments a WHERE a.locator = ANY({candidates}::bytea[]) AND a.profile = {(int)profile} OFFSET 0) AS a
        CROSS JOIN LATERAL (SELECT * FROM users u WHERE u.user_key = a.user_key OFFSET 0) AS u
        WHERE u.subscription_expiry + $3 > $4
          AND NOT EXISTS (SELECT 1 FROM trackers t WHERE t.uuid = a.uuid)
          AND (SELECT locator FROM appointments WHERE profile = {(int)profile} ORDER BY locator LIMIT 1) IS NOT NULL
        """;

    public static async Task<IReadOnlyList<Appointment>> FindAsync(
        NpgsqlConnection connection,
        IReadOnlyCollection<Locator> rustLocators,
        IReadOnlyCollection<Locator> pythonLocators,
        uint height,
        uint expiryDelta,
        CancellationToken cancellationToken)
    {
        if (rustLocators.Count == 0 && pythonLocators.Count == 0)
            return [];
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Commands.BatchCommand(GenericPlan));
        // Outdated owners (height >= expiry + delta) are about to be deleted: their rows are not answered.
        batch.BatchCommands.Add(Commands.BatchCommand(Sql, Keys(rustLocators), Keys(pythonLocators), (long)expiryDelta, (long)height));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var breached = new List<Appointment>();
        await reader.NextRowsAsync(first: true, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            breached.Add(AppointmentsTable.Read(reader));
        return breached;
    }

    /// <summary>Distinct (the union keeps duplicates) and sorted, so the scan walks the locator index in order.</summary>
    private static byte[][] Keys(IReadOnlyCollection<Locator> locators) => [.. locators.Distinct().Order().Select(locator => locator.ToArray())];
}
