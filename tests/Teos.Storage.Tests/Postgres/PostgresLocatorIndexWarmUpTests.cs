using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>A silo reads the locator indexes into shared buffers, when PostgreSQL lets it.</summary>
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
