using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// The block match must probe each profile's locator index per candidate, never scan the appointments: at
/// 10^7 rows a scan would take seconds per block.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBreachPlanTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_block_of_candidates_probes_each_profiles_locator_index()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await (await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None)).DisposeAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        // Enough rows that a scan is not free, statistics like a running tower's.
        await connection.Command("INSERT INTO users VALUES ('\\x01', 10, 1, 1000, 0), ('\\x02', 10, 1, 1000, 1)").RunAsync(None);
        await connection.Command(
            """
            INSERT INTO appointments (to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature)
            SELECT 42, 1, i % 2, decode(md5(i::text), 'hex'), decode(md5('u' || i), 'hex'), CASE WHEN i % 2 = 0 THEN '\x01'::bytea ELSE '\x02'::bytea END, '\x00', 's'
            FROM generate_series(1, 20000) i
            """).RunAsync(None);
        await connection.Command("ANALYZE").RunAsync(None);

        var candidates = Enumerable.Range(0, 4000).Select(i => BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray()).ToArray();
        var plan = await connection.Command("EXPLAIN " + BreachQuery.Sql, candidates, candidates, 6L, 300L)
            .ListAsync(reader => reader.GetString(0), None);

        var text = string.Join(Environment.NewLine, plan);
        Assert.Contains("appointments_rust_locator", text, StringComparison.Ordinal);
        Assert.Contains("appointments_python_locator", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on appointments", text, StringComparison.Ordinal);
        // Whether a profile has appointments at all is decided once per branch, before its probes.
        Assert.Equal(2, text.Split("One-Time Filter").Length - 1);
    }

    [Fact]
    public async Task A_profile_without_appointments_is_never_probed()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await (await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None)).DisposeAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.Command("INSERT INTO users VALUES ('\\x01', 10, 1, 1000, 0)").RunAsync(None);
        await connection.Command(
            """
            INSERT INTO appointments (to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature)
            SELECT 42, 1, 0, decode(md5(i::text), 'hex'), decode(md5('u' || i), 'hex'), '\x01', '\x00', 's'
            FROM generate_series(1, 2000) i
            """).RunAsync(None);
        await connection.Command("ANALYZE").RunAsync(None);

        var candidates = Enumerable.Range(0, 100).Select(i => BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray()).ToArray();
        var plan = await connection.Command("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + BreachQuery.Sql, candidates, candidates, 6L, 300L)
            .ListAsync(reader => reader.GetString(0), None);

        Assert.Contains(plan, line => line.Contains("Index Scan using appointments_python_locator on appointments a", StringComparison.Ordinal) && line.Contains("(never executed)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("Index Scan using appointments_rust_locator on appointments a", StringComparison.Ordinal) && line.Contains("(actual rows=", StringComparison.Ordinal));
    }
}
