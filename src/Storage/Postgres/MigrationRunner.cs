using Microsoft.Extensions.Logging;
using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// Brings the schema up to date at startup: all missing migrations in one transaction, each recorded in
/// <c>schema_migrations</c>. Silos starting together queue on an advisory lock, so exactly one applies them and
/// the others find them applied.
/// </summary>
internal static class MigrationRunner
{
    private static readonly IReadOnlyList<Migration> Migrations = Migration.Load("Teos.Storage.Postgres.Migrations.");

    public static int KnownVersion => Migrations.Count;

    /// <summary>Returns the number of migrations applied now (0 when the schema was current).</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.Command("SELECT pg_advisory_xact_lock($1)", AdvisoryLocks.Migrations).RunAsync(cancellationToken).ConfigureAwait(false);
        await connection.Command(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """).RunAsync(cancellationToken).ConfigureAwait(false);
        var current = await connection.Command("SELECT coalesce(max(version), 0) FROM schema_migrations")
            .ScalarAsync<int>(cancellationToken).ConfigureAwait(false);
        if (current > Migrations.Count)
        {
            throw new InvalidOperationException(
                $"Database {connection.Database} has schema version {current}, newer than this teosd knows ({Migrations.Count}); use a newer teosd");
        }

        var applied = 0;
        foreach (var migration in Migrations.Where(migration => migration.Version > current))
        {
            await connection.Command(migration.Sql).RunAsync(cancellationToken).ConfigureAwait(false);
            await connection.Command("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", migration.Version, migration.Name)
                .RunAsync(cancellationToken).ConfigureAwait(false);
            PostgresStoreLog.MigrationApplied(logger, migration.Version, migration.Name, connection.Database);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }
}
