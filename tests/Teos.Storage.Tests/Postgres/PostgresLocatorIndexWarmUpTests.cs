using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>The new leader reads the locator indexes into shared buffers, when PostgreSQL lets it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLocatorIndexWarmUpTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task The_warm_up_reads_both_locator_indexes_whole()
    {
        var database = await DatabaseWithAppointmentsAsync();

        var pages = await LocatorIndexWarmUp.RunAsync(database, NullLogger.Instance, None);

        var expected = await ScalarAsync<long>(
            database,
            "SELECT (pg_relation_size('appointments_rust_locator') + pg_relation_size('appointments_python_locator')) / 8192");
        Assert.True(expected > 10, $"the indexes hold {expected} pages");
        Assert.Equal(expected, pages);
    }

    [Fact]
    public async Task A_role_that_may_not_install_pg_prewarm_reads_nothing_and_fails_nothing()
    {
        var database = await DatabaseWithAppointmentsAsync();
        var role = $"teos_{Guid.NewGuid():N}";
        await ExecuteAsync(database, $"CREATE ROLE {role} LOGIN");
        var asRole = new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString;

        Assert.Null(await LocatorIndexWarmUp.RunAsync(asRole, NullLogger.Instance, None));
        Assert.Equal(0, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_prewarm'"));
    }

    [Fact]
    public async Task Taking_the_block_feed_lease_starts_the_warm_up()
    {
        var database = await DatabaseWithAppointmentsAsync();
        var lease = new PostgresFeedLease(database, TimeSpan.FromMilliseconds(100), NullLogger.Instance);

        await using var held = await lease.TryAcquireAsync(None);

        Assert.NotNull(held);
        // The warm-up runs beside the lease; it installs pg_prewarm first, then reads.
        var installed = 0L;
        for (var attempt = 0; attempt < 100 && installed == 0; attempt++)
        {
            await Task.Delay(50);
            installed = await ScalarAsync<long>(database, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_prewarm'");
        }

        Assert.Equal(1, installed);
    }

    /// <summary>A database whose locator indexes span many pages.</summary>
    private Task<string> DatabaseWithAppointmentsAsync() => postgres.DatabaseWithAppointmentsAsync(10000, profiles: 2);

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.Command(sql).RunAsync(None);
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await connection.Command(sql).ScalarAsync<T>(None);
    }
}
