using Npgsql;
using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Postgres;

/// <summary>
/// The per-block match (spec 4.3): one statement for the whole block. Each profile's locators arrive as one
/// bytea[] parameter, sorted; each candidate probes its profile's locator index once (migration 0004), in that
/// order, so the cost follows the block's size, not the number of stored appointments. The LATERAL subquery with
/// OFFSET 0 keeps that plan: as a plain join of 8,000 candidates the planner chose a hash join over a scan of
/// every appointment (94 ms instead of 17 ms at 10^5 rows, and growing with them).
/// </summary>
internal static class BreachQuery
{
    internal static readonly string Sql =
        $"""
        {Branch("$1", ClientProfile.Rust)}
        UNION ALL
        {Branch("$2", ClientProfile.Python)}
        """;

    /// <summary>
    /// The match for one profile's candidates; the literal profile selects its partial locator index. The last
    /// condition is evaluated once, before the probes: a tower without users of this profile (most have only
    /// rust-teos ones) skips its 4,000 probes, 6.6 ms of a block at 10^5 appointments. It asks for the first locator
    /// in order, so that the planner reads the first entry of that index; for an EXISTS it chose a table scan.
    /// </summary>
    private static string Branch(string candidates, ClientProfile profile) =>
        $"""
        SELECT {AppointmentsTable.SelectList}
        FROM unnest({candidates}::bytea[]) AS c(locator)
        CROSS JOIN LATERAL (SELECT * FROM appointments a WHERE a.locator = c.locator AND a.profile = {(int)profile} OFFSET 0) AS a
        JOIN users u ON u.user_id = a.user_id
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
        // Outdated owners (height >= expiry + delta) are about to be deleted: their rows are not answered.
        return await connection.Command(Sql, Keys(rustLocators), Keys(pythonLocators), (long)expiryDelta, (long)height)
            .ListAsync(AppointmentsTable.Read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Distinct (the union keeps duplicates) and sorted, so the probes walk the locator index in order.</summary>
    private static byte[][] Keys(IReadOnlyCollection<Locator> locators) => [.. locators.Distinct().Order().Select(locator => locator.ToArray())];
}
