using Microsoft.Extensions.Hosting;
using Teos.Grains.Chain;
using Teos.Grains.Hosting;

namespace Teos.Silo.Feed;

/// <summary>
/// Keeps the <see cref="ChainView"/> fed on every silo, whether it hosts the block feed or not: once a second it asks
/// bitcoind its height. Each call is bounded well below <see cref="ChainView.MaxSilence"/>, so a bitcoind that
/// accepts and never answers turns the view stale on time. It is also what makes this silo's API answer 503 while
/// bitcoind is down (spec 4.8): the RPC client marks bitcoind unreachable on the first transport failure and
/// reachable on the next answer. The tower's tip comes from the feed's pushes (the silo's ChainTipCache).
/// </summary>
public sealed class ChainViewProbe(IBitcoinNode node, ChainView view, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await HeightAsync(stoppingToken) is { } height)
                view.BitcoindAnswered(height);
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>bitcoind's height, or null when it failed or took longer than <see cref="CallTimeout"/>.</summary>
    private async Task<int?> HeightAsync(CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(CallTimeout);
        try
        {
            return await node.GetBlockCountAsync(bounded.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is OperationCanceledException or BitcoindException)
        {
            // The view goes stale by itself when its readings stop; the block feed and the requests that meet
            // bitcoind's outage report it.
            return null;
        }
    }
}
