using Npgsql;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// The block match must look its candidates up in each profile's locator index and its matches' owners up by key,
/// never scan the appointments or the users: at 10^7 rows a scan would take seconds per block.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBreachPlanTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_block_of_candidates_probes_each_profiles_locator_index()
    {
        // Enough rows that a scan is not free, statistics like a running tower's.
        await using var connection = await DatabaseWithAppointmentsAsync(20000, profiles: 2, users: 2000);

        var plan = await PlanAsync(connection, "EXPLAIN", candidates: 4000);

        var text = string.Join(Environment.NewLine, plan);
        Assert.Contains(plan, line => IsLookupIn("appointments_rust_locator", line));
        Assert.Contains(plan, line => IsLookupIn("appointments_python_locator", line));
        Assert.Contains("Index Scan using users_user_key on users", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on appointments", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on users", text, StringComparison.Ordinal);
        // Whether a profile has appointments at all is decided once per branch, before its probes.
        Assert.Equal(2, text.Split("One-Time Filter").Length - 1);
    }

    [Fact]
    public async Task A_profile_without_appointments_is_never_probed()
    {
        await using var connection = await DatabaseWithAppointmentsAsync(2000, profiles: 1);

        var plan = await PlanAsync(connection, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)", candidates: 100);

        Assert.Contains(plan, line => IsLookupIn("appointments_python_locator", line) && line.Contains("(never executed)", StringComparison.Ordinal));
        Assert.Contains(plan, line => IsLookupIn("appointments_rust_locator", line) && line.Contains("(actual rows=", StringComparison.Ordinal));
    }

    /// <summary>
    /// A plan line of the candidates' lookup in that index, plain or bitmap (the planner picks by the index's
    /// statistics), not the one-time check's index-only read of its first entry.
    /// </summary>
    private static bool IsLookupIn(string index, string line) =>
        line.Contains(index, StringComparison.Ordinal) && line.Contains("Index Scan", StringComparison.Ordinal) && !line.Contains("Index Only Scan", StringComparison.Ordinal);

    [Fact]
    public async Task The_block_match_leaves_its_transaction_on_generic_plans()
    {
        await using var connection = await DatabaseWithAppointmentsAsync(100, profiles: 1);
        await using var transaction = await connection.BeginTransactionAsync();

        var found = await BreachQuery.FindAsync(connection, [TestAppointments.RandomLocator()], [], height: 300, expiryDelta: 6, None);

        Assert.Empty(found);
        Assert.Equal("force_generic_plan", await connection.Command("SHOW plan_cache_mode").ScalarAsync<string>(None));
    }

    private async Task<NpgsqlConnection> DatabaseWithAppointmentsAsync(int rows, int profiles, int users = 2)
    {
        var connection = new NpgsqlConnection(await postgres.DatabaseWithAppointmentsAsync(rows, profiles, users));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// The block match's plan for the same sorted candidates under both profiles, as the block gets it: prepared, under
    /// the plan setting the block's transaction makes.
    /// </summary>
    private static async Task<List<string>> PlanAsync(NpgsqlConnection connection, string explain, int candidates)
    {
        var keys = Enumerable.Range(0, candidates).Select(i => BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray()).ToArray();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.Command(BreachQuery.GenericPlan).RunAsync(None);
        await connection.Command($"PREPARE block_match (bytea[], bytea[], bigint, bigint) AS {BreachQuery.Sql}").RunAsync(None);
        // EXECUTE takes no bound parameters: the candidates go in as an array literal.
        var array = $"'{{{string.Join(',', keys.Select(key => $"\"\\\\x{Convert.ToHexString(key)}\""))}}}'::bytea[]";
        return await connection.Command($"{explain} EXECUTE block_match({array}, {array}, 6, 300)").ListAsync(reader => reader.GetString(0), None);
    }
}
