using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.BlockFeed;

namespace Teos.Storage.Postgres;

/// <summary>
/// The block-feed lease as a PostgreSQL session advisory lock held on a dedicated connection, outside the pool:
/// it lives exactly as long as that connection. When the holder dies, the server drops the connection and the
/// lock with it, and the next silo to ask gets it.
/// </summary>
public sealed class PostgresFeedLease : IFeedLease
{
    private readonly string _connectionString;
    private readonly string _warmUpConnectionString;
    private readonly TimeSpan _checkInterval;
    private readonly ILogger _logger;

    /// <param name="connectionString">The --dbconnect value.</param>
    /// <param name="checkInterval">How often the holder checks its connection (the polling interval).</param>
    public PostgresFeedLease(string connectionString, TimeSpan checkInterval, ILogger logger)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A pooled connection would outlive a Dispose and keep the lock; this one closes for real.
            Pooling = false,
            // TCP keepalives make the server notice a silo that vanished without closing its socket.
            TcpKeepAlive = true,
            ApplicationName = "teosd block-feed lease",
        };
        _connectionString = settings.ConnectionString;
        settings.ApplicationName = "teosd locator index warm-up";
        _warmUpConnectionString = settings.ConnectionString;
        _checkInterval = checkInterval;
        _logger = logger;
    }

    public async Task<IFeedLeaseGrant?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var granted = await connection.Command("SELECT pg_try_advisory_lock($1)", AdvisoryLocks.BlockFeed)
                .ScalarAsync<bool>(cancellationToken).ConfigureAwait(false);
            if (!granted)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            PostgresStoreLog.LeaseAcquired(_logger, connection.Database);
            return new PostgresFeedLeaseGrant(connection, _checkInterval, _logger, _warmUpConnectionString);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
