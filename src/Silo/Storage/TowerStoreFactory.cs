using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.Users;
using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Sqlite;

namespace Teos.Silo.Storage;

/// <summary>
/// Picks the backend (DESIGN.md section 4): PostgreSQL when --dbconnect (db_connect, TEOS_DB_CONNECT) is set, so
/// several silos can share it; otherwise SQLite in &lt;datadir&gt;/&lt;network&gt;/teos_db.sql3 for this silo alone.
/// </summary>
public static class TowerStoreFactory
{
    public const string SqliteFileName = "teos_db.sql3";

    public static async Task<TowerStorage> OpenAsync(
        TeosdOptions teosd, SubscriptionOptions subscriptions, string networkDir, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // The upgrade from a database written before the grains computes each user's deletion height with it.
        var options = new StorageOptions { ExpiryDelta = subscriptions.ExpiryDelta };
        if (string.IsNullOrWhiteSpace(teosd.DbConnect))
        {
            var path = Path.Combine(networkDir, SqliteFileName);
            return new TowerStorage(SqliteStorage.Open(path, options, loggers.CreateLogger<SqliteStorage>()), $"SQLite {path}", networkDir);
        }

        var settings = PostgresSettings(teosd.DbConnect);
        var store = await PostgresStorage.OpenAsync(teosd.DbConnect, options, loggers.CreateLogger<PostgresStorage>(), cancellationToken);
        return new TowerStorage(store, Describe(settings), localDirectory: null);
    }

    /// <summary>The parts of a --dbconnect value.</summary>
    /// <exception cref="StartupException">It is not a PostgreSQL connection string.</exception>
    public static NpgsqlConnectionStringBuilder PostgresSettings(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"db_connect is not a PostgreSQL connection string ({e.Message}): fix --dbconnect", e);
        }
    }

    /// <summary>What the operator sees of a PostgreSQL database: its name, host and port (never a password).</summary>
    public static string Describe(NpgsqlConnectionStringBuilder settings) => $"PostgreSQL {settings.Database} on {settings.Host}:{settings.Port}";
}
