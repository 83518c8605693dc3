using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Teos.Grains.BlockFeed;
using Teos.Grains.Store;

namespace Teos.Silo.Feed;

/// <summary>
/// Runs the block feed for the life of the silo: resume from the stored tip (or bitcoind's best block on first
/// run), refill the in-memory indexes, then follow bitcoind. A feed that stops for good (a reorg deeper than
/// 100 blocks, a pruned block it needs) stops the silo loudly rather than leaving users unprotected unnoticed.
/// </summary>
public sealed partial class BlockFeedService(
    ChainFollower follower,
    BlockProcessor processor,
    ITowerStore store,
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

            await processor.PrepareAsync(start, firstStart: stored is null, stoppingToken);
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
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Tower ready: following bitcoind from height {Height} ({BlockHash})")]
    private partial void LogFeedStarted(int height, string blockHash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "The block feed stopped: {Reason}. teosd is shutting down")]
    private partial void LogFeedStopped(Exception e, string reason);
}
