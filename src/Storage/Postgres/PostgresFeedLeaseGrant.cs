using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.BlockFeed;

namespace Teos.Storage.Postgres;

/// <summary>
/// A held lease: its connection is checked with a cheap query every interval, and <see cref="Lost"/> fires on
/// the first failure. The connection is then closed at once, so the server frees the lock if it still held it.
/// Meanwhile the new leader reads the locator indexes into shared buffers on another connection
/// (<see cref="LocatorIndexWarmUp"/>), stopped with the lease.
/// </summary>
internal sealed class PostgresFeedLeaseGrant : IFeedLeaseGrant
{
    private readonly NpgsqlConnection _connection;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private readonly Task _warmUp;

    public PostgresFeedLeaseGrant(NpgsqlConnection connection, TimeSpan interval, ILogger logger, string warmUpConnectionString)
    {
        _connection = connection;
        _interval = interval;
        _logger = logger;
        _watch = Task.Run(WatchAsync);
        _warmUp = Task.Run(() => LocatorIndexWarmUp.RunAsync(warmUpConnectionString, logger, _stop.Token));
    }

    public CancellationToken Lost => _lost.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        await _warmUp.ConfigureAwait(false);
        // Closing a connection outside the pool ends the session, which releases its advisory locks, but only once
        // the server process has finished exiting, after the close returns: a silo asking right after a graceful
        // release could still be refused. Unlocking first hands the lease over before this returns.
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _connection.Command("SELECT pg_advisory_unlock($1)", AdvisoryLocks.BlockFeed).RunAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                // The connection is broken: the server ends the session, and the lock with it.
            }
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
            PostgresStoreLog.LeaseReleased(_logger);
        _lost.Dispose();
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        // A check that takes longer than this means the server or the network is gone for practical purposes.
        var timeout = TimeSpan.FromTicks(Math.Max(_interval.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(timeout);
                await _connection.Command("SELECT 1").RunAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException or IOException)
            {
                PostgresStoreLog.LeaseLost(_logger, e.Message);
                await _lost.CancelAsync().ConfigureAwait(false);
                await CloseQuietlyAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task CloseQuietlyAsync()
    {
        try
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // Already broken: the server side is gone or going, and the lock with it.
        }
    }
}
