using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Teos.Silo.Configuration;

namespace Teos.Silo.Feed;

/// <summary>
/// Runs the block feed for the life of the silo: resume from the stored tip (or bitcoind's best block on first
/// run), refill the in-memory indexes, then follow bitcoind. A feed that stops for good (a reorg deeper than
/// 100 blocks, a pruned block it needs) stops the silo loudly rather than leaving users unprotected unnoticed.
/// </summary>
public sealed partial class BlockFeedService(
    ChainFollower follower,
    BlockProcessor processor,
    IBitcoinNode node,
    TeosdOptions teosd,
    ITowerStore store,
    FeedLeadership leadership,
    IHostApplicationLifetime lifetime,
    ILogger<BlockFeedService> logger) : BackgroundService
{
    /// <summary>Spec 4.7 step 6: the 100-block index needs 100 blocks below the start.</summary>
    public const int MinimumStartHeight = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var stored = await store.GetTipAsync(stoppingToken);
            var start = await follower.StartAsync(stored?.BlockHash, stoppingToken);
            if (start.Height < MinimumStartHeight)
                throw new InvalidOperationException($"Not enough blocks: bitcoind is at height {start.Height}, the tower needs at least {MinimumStartHeight}");

            var skipped = await SkipPrunedBlocksAsync(start, stoppingToken);
            start = skipped ?? start;
            await processor.PrepareAsync(start, recordTip: stored is null || skipped is not null, stoppingToken);
            leadership.IsLeader = true;
            LogFeedStarted(start.Height, start.Hash.ToString());
            await follower.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFeedStopped(e, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        finally
        {
            leadership.IsLeader = false;
        }
    }

    /// <summary>
    /// Spec 4.7 step 5: a pruned bitcoind may no longer have the blocks the tower must process. Refuse to start,
    /// or with --forceupdate restart from the prune height + 100, knowingly missing breaches in between.
    /// </summary>
    private async Task<ChainLink?> SkipPrunedBlocksAsync(ChainLink start, CancellationToken cancellationToken)
    {
        var info = await node.GetBlockchainInfoAsync(cancellationToken);
        if (info.PruneHeight is not { } pruned || start.Height - MinimumStartHeight + 1 >= pruned)
            return null;
        if (!teosd.ForceUpdate)
        {
            throw new InvalidOperationException(
                $"bitcoind has pruned the blocks below height {pruned}, but the tower must process blocks from height {start.Height - MinimumStartHeight + 1}; " +
                $"restart with --forceupdate to continue from height {pruned + MinimumStartHeight} (breaches in the skipped blocks will be missed)");
        }

        LogSkippingPrunedBlocks(start.Height, pruned + MinimumStartHeight);
        var resume = await node.GetBlockHashAsync(pruned + MinimumStartHeight, cancellationToken);
        return await follower.StartAsync(resume, cancellationToken);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "--forceupdate: skipping from height {From} to {To}; breaches in between are not answered")]
    private partial void LogSkippingPrunedBlocks(int from, int to);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Tower ready: following bitcoind from height {Height} ({BlockHash})")]
    private partial void LogFeedStarted(int height, string blockHash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "The block feed stopped: {Reason}. teosd is shutting down")]
    private partial void LogFeedStopped(Exception e, string reason);
}
