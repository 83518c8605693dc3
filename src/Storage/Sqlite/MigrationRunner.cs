using Microsoft.Extensions.Logging;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Brings the schema up to date at startup: all missing migrations in one transaction, each recorded in
/// <c>schema_migrations</c>, so a crash midway leaves the previous version intact. Migration 0006 has a C# step
/// (<see cref="LegacyUserUpgrade"/>) that runs right after its SQL, in the same transaction.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>The migration whose rows the <see cref="LegacyUserUpgrade"/> completes.</summary>
    public const int GrainsVersion = 6;

    private static readonly IReadOnlyList<Migration> Migrations = Migration.Load("Teos.Storage.Sqlite.Migrations.");

    public static int KnownVersion => Migrations.Count;

    /// <summary>
    /// Returns the number of migrations applied now (0 when the schema was current). <paramref name="upTo"/> stops
    /// at an older version (tests build the databases older teosd versions wrote).
    /// </summary>
    public static int Run(StoreConnection connection, string path, ILogger logger, uint expiryDelta, out int schemaVersion, int? upTo = null)
    {
        // A no-op inside a transaction, so before it.
        connection.Execute("PRAGMA foreign_keys = OFF");
        try
        {
            return RunAll(connection, path, logger, expiryDelta, upTo ?? Migrations.Count, out schemaVersion);
        }
        finally
        {
            connection.Execute("PRAGMA foreign_keys = ON");
        }
    }

    private static int RunAll(StoreConnection connection, string path, ILogger logger, uint expiryDelta, int target, out int schemaVersion)
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
            foreach (var migration in Migrations.Where(migration => migration.Version > current && migration.Version <= target))
            {
                connection.Execute(migration.Sql);
                if (migration.Version == GrainsVersion)
                    UpgradeUsers(connection, expiryDelta);
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
            schemaVersion = (int)Math.Max(current, target);
            return applied;
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }

    private static void UpgradeUsers(StoreConnection connection, uint expiryDelta)
    {
        var upgrade = new LegacyUserUpgrade(expiryDelta);
        using (var reader = connection.Command("SELECT user_key, length(encrypted_blob) FROM appointments").ExecuteReader())
        {
            while (reader.Read())
                upgrade.AddAppointment(reader.GetInt64(0), reader.GetInt32(1));
        }

        var users = new List<UpgradedUser>();
        using (var reader = connection.Command("SELECT user_key, subscription_expiry FROM users").ExecuteReader())
        {
            while (reader.Read())
                users.Add(upgrade.Upgrade(reader.GetInt64(0), Columns.UInt32(reader, 1)));
        }

        foreach (var user in users)
        {
            var update = connection.Command(
                "UPDATE users SET slot_allowance = slot_allowance + $slots, deletion_height = $deletion WHERE user_key = $key");
            update.Parameters.AddWithValue("$slots", user.SlotsInUse);
            update.Parameters.AddWithValue("$deletion", user.DeletionHeight);
            update.Parameters.AddWithValue("$key", user.UserKey);
            update.ExecuteNonQuery();
        }
    }

    private static void ThrowOnBrokenReferences(StoreConnection connection, string path)
    {
        using var reader = connection.Command("PRAGMA foreign_key_check").ExecuteReader();
        if (reader.Read())
            throw new InvalidOperationException($"Migrating {path} left a row of {reader.GetString(0)} without the {reader.GetString(2)} row it references");
    }
}
