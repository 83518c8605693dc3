using Npgsql;
using Teos.Storage.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// The per-block and per-activation queries read indexes, never a whole table: at 10^7 appointments a scan takes
/// seconds. Bucket loading reads only the locator indexes (index-only), the outdated users come from their deletion
/// height index (users are never scanned).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryPlanTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Loading_a_bucket_reads_each_profiles_locator_index_only()
    {
        var bucket = LocatorRange.Of(53, 10);

        var plan = await PlanAsync(PostgresLocatorRows.BucketQuery, (short)0, LocatorColumn.ToValue(bucket.First), LocatorColumn.ToValue(bucket.Last));

        Assert.Contains(plan, line => line.Contains("Index Only Scan using appointments_rust_locator", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("Index Only Scan using appointments_python_locator", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hit_lookup_probes_each_profiles_locator_index()
    {
        var candidates = Enumerable.Range(0, 10).Select(i => LocatorColumn.ToValue(BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray())).ToArray();

        var plan = await PlanAsync(PostgresLocatorRows.WatchedQuery, (short)0, candidates, candidates);

        Assert.Contains(plan, line => line.Contains("using appointments_rust_locator", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("using appointments_python_locator", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outdated_users_come_from_the_deletion_height_index_and_users_are_never_scanned()
    {
        var plan = await PlanAsync("SELECT user_id FROM users WHERE tower = $1 AND deletion_height <= $2", (short)0, 500L);

        Assert.Contains(plan, line => line.Contains("users_deletion_height", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_triggered_rows_are_listed_from_their_own_index()
    {
        var plan = await PlanAsync("SELECT uuid FROM appointments WHERE tower = $1 AND triggered", (short)0);

        Assert.Contains(plan, line => line.Contains("appointments_triggered", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private async Task<List<string>> PlanAsync(string sql, params object[] values)
    {
        // Enough rows that a scan is not free, statistics like a running tower's.
        await using var connection = new NpgsqlConnection(await postgres.DatabaseWithAppointmentsAsync(20000, profiles: 2, users: 2000));
        await connection.OpenAsync();
        var plan = await connection.Command($"EXPLAIN {sql}", values).ListAsync(reader => reader.GetString(0), None);
        output.WriteLine(string.Join(Environment.NewLine, plan));
        return plan;
    }
}
