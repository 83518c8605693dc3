using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The per-block match (spec 4.3): one statement for the whole block. Each profile's locators arrive as one
/// packed blob, sorted, so the seeks walk that profile's locator index in order; the candidate list drives the
/// join (CROSS JOIN fixes that loop order in SQLite), so the cost is one index seek per candidate whatever the
/// number of stored appointments.
/// </summary>
internal static class BreachQuery
{
    internal static readonly string Sql =
        $"""
        WITH
        {PackedKeys.Unpack("rust", "$rust", Locator.Size)},
        {PackedKeys.Unpack("python", "$python", Locator.Size)}
        {Branch("rust", ClientProfile.Rust)}
        UNION ALL
        {Branch("python", ClientProfile.Python)}
        """;

    /// <summary>
    /// The match for one profile's candidates. The profile is a literal so that SQLite seeks that profile's partial
    /// locator index (migration 0003). The last condition is constant, so SQLite evaluates it once, before the loop,
    /// from that index: a tower without users of this profile (most have only rust-teos ones) skips its seeks.
    /// </summary>
    private static string Branch(string candidates, ClientProfile profile) =>
        $"""
        SELECT {AppointmentsTable.Columns}
        FROM {candidates} c
        CROSS JOIN appointments a ON a.locator = c.key AND a.profile = {(int)profile}
        {AppointmentsTable.OwnerJoin}
        WHERE u.subscription_expiry + $delta > $height
          AND NOT EXISTS (SELECT 1 FROM trackers t WHERE t.uuid = a.uuid)
          AND EXISTS (SELECT 1 FROM appointments INDEXED BY appointments_{(profile == ClientProfile.Python ? "python" : "rust")}_locator WHERE profile = {(int)profile})
        """;

    public static IReadOnlyList<Appointment> Find(
        StoreConnection connection,
        IReadOnlyCollection<Locator> rustLocators,
        IReadOnlyCollection<Locator> pythonLocators,
        uint height,
        uint expiryDelta)
    {
        if (rustLocators.Count == 0 && pythonLocators.Count == 0)
            return [];
        var command = connection.Command(Sql);
        command.Parameters.AddWithValue("$rust", Pack(rustLocators));
        command.Parameters.AddWithValue("$python", Pack(pythonLocators));
        // Outdated owners (height >= expiry + delta) are about to be deleted: their rows are not answered.
        command.Parameters.AddWithValue("$delta", (long)expiryDelta);
        command.Parameters.AddWithValue("$height", (long)height);
        var found = new List<Appointment>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            found.Add(AppointmentsTable.Read(reader));
        return found;
    }

    /// <summary>Distinct (UNION ALL keeps duplicates) and sorted, like the index.</summary>
    private static byte[] Pack(IReadOnlyCollection<Locator> locators)
    {
        var sorted = locators.Distinct().Order().ToArray();
        return PackedKeys.Pack(sorted, sorted.Length, Locator.Size, static (locator, span) => locator.WriteTo(span));
    }
}
