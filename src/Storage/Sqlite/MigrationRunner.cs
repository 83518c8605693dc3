using Microsoft.Extensions.Logging;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Brings the schema up to date at startup: all missing migrations in one transaction, each recorded in
/// <c>schema_migrations</c>, so a crash midway leaves the previous version intact.
/// </summary>
internal static class MigrationRunner
{
    private static readonly IReadOnlyList<Migration> Migrations = Migration.Load("Teos.Storage.Sqlite.Migrations.");

    /// <summary>Returns the number of migrations applied now (0 when the schema was current).</summary>
    public static int Run(StoreConnection connection, string path, ILogger logger, out int schemaVersion)
    {
        // A no-op inside a transaction, so before it.
        connection.Execute("PRAGMA foreign_keys = OFF");
        try
        {
            return RunAll(connection, path, logger, out schemaVersion);
        }
        finally
        {
            connection.Execute("PRAGMA foreign_keys = ON");
        }
    }

    private static int RunAll(StoreConnection connection, string path, ILogger logger, out int schemaVersion)
    {
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            connection.Execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER NOT NULL PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL)
                """);
            var current = (long)connection.Command("SELECT coalesce(max(version), 0) FROM schema_migrations").ExecuteScalar()!;
            var known = Migrations.Count;
            if (current > known)
            {
                throw new InvalidOperationException(
                    $"Database {path} has schema version {current}, newer than this teosd knows ({known}); use a newer teosd");
            }

            var applied = 0;
            foreach (var migration in Migrations.Where(migration => migration.Version > current))
            {
                connection.Execute(migration.Sql);
                var record = connection.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)");
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                record.ExecuteNonQuery();
                SqliteStoreLog.MigrationApplied(logger, migration.Version, migration.Name, path);
                applied++;
            }

            if (applied > 0)
                ThrowOnBrokenReferences(connection, path);
            connection.Execute("COMMIT");
            schemaVersion = known;
            return applied;
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    private static void ThrowOnBrokenReferences(StoreConnection connection, string path)
    {
        using var reader = connection.Command("PRAGMA foreign_key_check").ExecuteReader();
        if (reader.Read())
            throw new InvalidOperationException($"Migrating {path} left a row of {reader.GetString(0)} without the {reader.GetString(2)} row it references");
    }
}
