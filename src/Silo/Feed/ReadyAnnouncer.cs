using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.BlockFeed;
using Teos.Grains.Hosting;

namespace Teos.Silo.Feed;

/// <summary>
/// Says "Tower ready" once, when this silo serves requests with a chain view behind them: every listener bound and
/// the block feed's tip received (wherever in the cluster the feed runs). Nothing is announced when the start fails.
/// </summary>
public sealed partial class ReadyAnnouncer(
    ChainTipCache chain, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ReadyAnnouncer> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        try
        {
            while (!chain.Current.IsKnown)
                await Task.Delay(Poll, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var tip = chain.Current;
        LogReady(tip.Height, tip.Hash!.ToString());
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Tower ready: following bitcoind from height {Height} ({BlockHash})")]
    private partial void LogReady(uint height, string blockHash);
}
