using Microsoft.Extensions.Logging;
using Npgsql;

namespace Teos.Storage.Postgres;

/// <summary>
/// Brings the schema up to date at startup: all missing migrations in one transaction, each recorded in
/// <c>schema_migrations</c>. Silos starting together queue on an advisory lock, so exactly one applies them and
/// the others find them applied. Migration 0007 has a C# step (<see cref="LegacyUserUpgrade"/>) that runs right
/// after its SQL, in the same transaction.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>The migration whose rows the <see cref="LegacyUserUpgrade"/> completes.</summary>
    public const int GrainsVersion = 7;

    private static readonly IReadOnlyList<Migration> Migrations = Migration.Load("Teos.Storage.Postgres.Migrations.");

    public static int KnownVersion => Migrations.Count;

    /// <summary>
    /// Returns the number of migrations applied now (0 when the schema was current). <paramref name="upTo"/> stops
    /// at an older version (tests build the databases older teosd versions wrote).
    /// </summary>
    public static async Task<int> RunAsync(
        NpgsqlDataSource dataSource, ILogger logger, uint expiryDelta, CancellationToken cancellationToken, int? upTo = null)
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
        foreach (var migration in Migrations.Where(migration => migration.Version > current && migration.Version <= (upTo ?? Migrations.Count)))
        {
            await connection.Command(migration.Sql).RunAsync(cancellationToken).ConfigureAwait(false);
            if (migration.Version == GrainsVersion)
                await UpgradeUsersAsync(connection, expiryDelta, cancellationToken).ConfigureAwait(false);
            await connection.Command("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", migration.Version, migration.Name)
                .RunAsync(cancellationToken).ConfigureAwait(false);
            PostgresStoreLog.MigrationApplied(logger, migration.Version, migration.Name, connection.Database);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private static async Task UpgradeUsersAsync(NpgsqlConnection connection, uint expiryDelta, CancellationToken cancellationToken)
    {
        var upgrade = new LegacyUserUpgrade(expiryDelta);
        await using (var command = connection.Command("SELECT user_key, length(encrypted_blob) FROM appointments"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                upgrade.AddAppointment(reader.GetInt32(0), reader.GetInt32(1));
        }

        var users = await connection.Command("SELECT user_key, subscription_expiry FROM users")
            .ListAsync(reader => upgrade.Upgrade(reader.GetInt32(0), Columns.UInt32(reader, 1)), cancellationToken).ConfigureAwait(false);
        await connection.Command(
                """
                UPDATE users u SET slot_allowance = u.slot_allowance + v.slots, deletion_height = v.deletion
                FROM unnest($1::integer[], $2::bigint[], $3::bigint[]) AS v(user_key, slots, deletion)
                WHERE u.user_key = v.user_key
                """,
                users.Select(user => (int)user.UserKey).ToArray(),
                users.Select(user => user.SlotsInUse).ToArray(),
                users.Select(user => user.DeletionHeight).ToArray())
            .RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
