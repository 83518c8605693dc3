using Microsoft.Extensions.Hosting;

namespace Teos.Silo.Feed;

/// <summary>
/// Hosted services start before Kestrel binds its listeners; the tower's background work waits for them, so it
/// neither announces "ready" nor touches bitcoind when a port turns out to be taken and the start fails.
/// </summary>
public static class ListenersBound
{
    /// <returns>False when the host stops first (the start failed or was cancelled).</returns>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return lifetime.ApplicationStarted.IsCancellationRequested && !stoppingToken.IsCancellationRequested;
    }
}
