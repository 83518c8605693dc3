using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Teos.Grains.Chain;
using Teos.Grains.Store;

namespace Teos.Silo.Feed;

/// <summary>
/// Keeps the <see cref="ChainView"/> fed on every silo, leader or not: once a second it asks bitcoind its height
/// and reads the stored tip. Each call is bounded well below <see cref="ChainView.MaxSilence"/>, so a bitcoind
/// that accepts and never answers turns the view stale on time. On a standby silo nothing else polls bitcoind, so
/// this is also what makes its API answer 503 while bitcoind is down (spec 4.8): the RPC client marks bitcoind
/// unreachable on the first transport failure and reachable on the next answer.
/// </summary>
public sealed class ChainViewProbe(
    IBitcoinNode node, ITowerStore store, ChainView view, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await ProbeAsync(stoppingToken);
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    private async Task ProbeAsync(CancellationToken stoppingToken)
    {
        if (await BoundedAsync<int?>(async ct => await node.GetBlockCountAsync(ct), stoppingToken) is { } height)
            view.BitcoindAnswered(height);
        if (await BoundedAsync(store.GetTipAsync, stoppingToken) is { } tip)
            view.TowerReached(tip.Height);
    }

    /// <summary>The call's result, or default when it failed or took longer than <see cref="CallTimeout"/>.</summary>
    private static async Task<T?> BoundedAsync<T>(Func<CancellationToken, Task<T?>> call, CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(CallTimeout);
        try
        {
            return await call(bounded.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is OperationCanceledException or BitcoindException or DbException)
        {
            // The view goes stale by itself when its readings stop; bitcoind outages and store faults are reported
            // by the block feed and by the requests that meet them.
            return default;
        }
    }
}
