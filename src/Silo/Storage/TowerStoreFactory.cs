using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.BlockFeed;
using Teos.Silo.Configuration;
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
        TeosdOptions teosd, string networkDir, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(teosd.DbConnect))
        {
            var path = Path.Combine(networkDir, SqliteFileName);
            var sqlite = SqliteTowerStore.Open(path, loggers.CreateLogger<SqliteTowerStore>());
            return new TowerStorage(sqlite, new SingleSiloFeedLease(), $"SQLite {path}", networkDir);
        }

        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(teosd.DbConnect);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Invalid db_connect (--dbconnect): not a PostgreSQL connection string: {e.Message}", e);
        }

        var logger = loggers.CreateLogger<PostgresTowerStore>();
        var store = await PostgresTowerStore.OpenAsync(teosd.DbConnect, logger, cancellationToken);
        var lease = new PostgresFeedLease(teosd.DbConnect, TimeSpan.FromSeconds(teosd.PollingDelta), logger);
        return new TowerStorage(store, lease, $"PostgreSQL {settings.Database} on {settings.Host}:{settings.Port}");
    }
}
