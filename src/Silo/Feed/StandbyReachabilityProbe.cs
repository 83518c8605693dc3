using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;

namespace Teos.Silo.Feed;

/// <summary>
/// On a silo that does not run the block feed nothing else polls bitcoind, yet its API must answer 503 while
/// bitcoind is down (spec 4.8). So while standing by, ask bitcoind its height every polling interval: the RPC
/// client marks bitcoind unreachable on the first transport failure, and reachable on the next answer.
/// </summary>
public sealed class StandbyReachabilityProbe(
    IBitcoinNode node, FeedLeadership leadership, IOptions<BlockFeedOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        var interval = options.Value.PollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!leadership.IsLeader)
            {
                try
                {
                    await node.GetBlockCountAsync(stoppingToken);
                }
                catch (BitcoindException)
                {
                    // Already recorded by the RPC client; the leader, not this probe, reports outages.
                }
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }
}
