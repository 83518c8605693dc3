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
        // Enough rows that a scan is not free, statistics like a running tower's.
        await using var connection = await DatabaseWithAppointmentsAsync(20000, profiles: 2);

        var plan = await PlanAsync(connection, "EXPLAIN", candidates: 4000);

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
        await using var connection = await DatabaseWithAppointmentsAsync(2000, profiles: 1);

        var plan = await PlanAsync(connection, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)", candidates: 100);

        Assert.Contains(plan, line => line.Contains("Index Scan using appointments_python_locator on appointments a", StringComparison.Ordinal) && line.Contains("(never executed)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("Index Scan using appointments_rust_locator on appointments a", StringComparison.Ordinal) && line.Contains("(actual rows=", StringComparison.Ordinal));
    }

    /// <summary>
    /// A migrated, analyzed database with <paramref name="rows"/> appointments spread over the first
    /// <paramref name="profiles"/> profiles (rust-teos, then python-teos), one user per profile.
    /// </summary>
    private async Task<NpgsqlConnection> DatabaseWithAppointmentsAsync(int rows, int profiles)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await (await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None)).DisposeAsync();
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.Command("INSERT INTO users VALUES ('\\x00', 10, 1, 1000, 0), ('\\x01', 10, 1, 1000, 1)").RunAsync(None);
        await connection.Command(
            $"""
            INSERT INTO appointments (to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature)
            SELECT 42, 1, i % {profiles}, decode(md5(i::text), 'hex'), decode(md5('u' || i), 'hex'), set_byte('\x00'::bytea, 0, i % {profiles}), '\x00', 's'
            FROM generate_series(1, {rows}) i
            """).RunAsync(None);
        await connection.Command("ANALYZE").RunAsync(None);
        return connection;
    }

    /// <summary>The block match's plan for the same sorted candidates under both profiles.</summary>
    private static Task<List<string>> PlanAsync(NpgsqlConnection connection, string explain, int candidates)
    {
        var keys = Enumerable.Range(0, candidates).Select(i => BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray()).ToArray();
        return connection.Command($"{explain} {BreachQuery.Sql}", keys, keys, 6L, 300L).ListAsync(reader => reader.GetString(0), None);
    }
}
