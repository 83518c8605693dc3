using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.Hosting;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Runs on every silo: pings the block feed each second, which keeps it active wherever Orleans placed it (a survivor
/// reactivates it soon after its silo's death: a failed ping is retried after <see cref="FirstRetry"/>), subscribes
/// this silo's <see cref="ChainTipCache"/> to the feed's pushes and refreshes it with the ping's answer.
/// </summary>
public sealed partial class FeedKeeper(
    IGrainFactory grains, ChainTipCache cache, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<FeedKeeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first pause after a failed ping, doubled up to <see cref="Interval"/> while pings keep failing: a ping fails
    /// when the feed's silo was declared dead, and the next one reactivates the feed on a survivor, so it is sent soon.
    /// </summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Nothing wakes the feed (and bitcoind) before the silo's listeners are bound: a start that fails on a
        // taken port must fail without side effects.
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        var observer = grains.CreateObjectReference<ITipObserver>(cache);
        var feed = grains.GetGrain<IBlockFeedGrain>(0);
        var failing = false;
        var pause = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                cache.Update(await feed.Ping(observer));
                if (failing)
                    LogFeedBack();
                failing = false;
                pause = Interval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Expected for a moment while the feed moves to another silo; the next ping reactivates it.
                if (!failing)
                    LogPingFailed(e.GetType().Name, e.Message);
                pause = failing ? TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, Interval.Ticks)) : FirstRetry;
                failing = true;
            }

            try
            {
                await Task.Delay(pause, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "Block feed did not answer its keeper ({Error}: {Reason}); pinging again until it does")]
    private partial void LogPingFailed(string error, string reason);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Block feed answers its keeper again")]
    private partial void LogFeedBack();
}
