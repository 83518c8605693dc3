using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Xunit;
using Xunit.Abstractions;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// The per-block and per-activation queries read indexes, never a whole table. SQLite's locator indexes cover the
/// uuid, so bucket loading and hit lookups read them only.
/// </summary>
public sealed class SqliteQueryPlanTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Loading_a_bucket_reads_each_profiles_locator_index_only()
    {
        var plan = Plan(SqliteLocatorRows.BucketQuery, ("$tower", 0), ("$first", new byte[16]), ("$last", new byte[16]));

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX appointments_rust_locator", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX appointments_python_locator", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, IsTableScan);
    }

    [Fact]
    public void A_hit_lookup_seeks_each_profiles_locator_index_only()
    {
        var plan = Plan(SqliteLocatorRows.WatchedQuery, ("$tower", 0), ("$rust", new byte[16]), ("$python", new byte[16]));

        Assert.Contains(plan, step => step.Contains("SEARCH a USING COVERING INDEX appointments_rust_locator", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("SEARCH a USING COVERING INDEX appointments_python_locator", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, IsTableScan);
    }

    [Fact]
    public void Outdated_users_come_from_the_deletion_height_index_and_users_are_never_scanned()
    {
        var plan = Plan("SELECT user_id FROM users WHERE tower = $tower AND deletion_height <= $height", ("$tower", 0), ("$height", 500));

        Assert.Contains(plan, step => step.Contains("USING INDEX users_deletion_height", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, IsTableScan);
    }

    [Fact]
    public void The_triggered_rows_are_listed_from_their_own_index()
    {
        var plan = Plan("SELECT uuid FROM appointments WHERE tower = $tower AND triggered = 1", ("$tower", 0));

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX appointments_triggered", StringComparison.Ordinal));
    }

    /// <summary>A step that reads the appointments or users table itself (the candidates' CTEs are scanned, by design).</summary>
    private static bool IsTableScan(string step) =>
        step is "SCAN a" or "SCAN appointments" or "SCAN users" || (step.StartsWith("SCAN a ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));

    private List<string> Plan(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteStorage.Open(_directory.DatabasePath, StorageBackend.Options, NullLogger.Instance).DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                plan.Add(reader.GetString(3));
        }

        output.WriteLine(string.Join(Environment.NewLine, plan));
        return plan;
    }
}
