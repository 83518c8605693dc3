using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Teos.Silo.Configuration;

namespace Teos.Silo.Feed;

/// <summary>
/// Runs the block feed while this silo holds the feed lease (DESIGN.md section 4): take the lease, resume from
/// the stored tip (or bitcoind's best block on first run), refill the in-memory indexes, then follow bitcoind
/// until the lease is lost or the silo stops; then stand by and ask again every polling interval. On SQLite the
/// lease is always granted, so the single silo simply runs the feed. Each block commits atomically with the tip,
/// and every term starts from the stored tip, so a takeover neither skips nor repeats a block. A feed that stops
/// for good (a reorg deeper than 100 blocks, a pruned block it needs) stops the silo loudly.
/// </summary>
public sealed partial class BlockFeedService(
    ChainFollower follower,
    BlockProcessor processor,
    IBitcoinNode node,
    TeosdOptions teosd,
    ITowerStore store,
    IFeedLease lease,
    FeedLeadership leadership,
    IOptions<BlockFeedOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BlockFeedService> logger) : BackgroundService
{
    /// <summary>Spec 4.7 step 6: the 100-block index needs 100 blocks below the start.</summary>
    public const int MinimumStartHeight = 100;

    private readonly TimeSpan _retryInterval = options.Value.PollingInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await ListenersBound.WaitAsync(lifetime, stoppingToken))
            return;
        try
        {
            var standingBy = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                await using var grant = await lease.TryAcquireAsync(stoppingToken);
                if (grant is null)
                {
                    if (!standingBy)
                        LogStandingBy(_retryInterval.TotalSeconds);
                    standingBy = true;
                    await Task.Delay(_retryInterval, stoppingToken);
                    continue;
                }

                standingBy = false;
                await RunTermAsync(grant.Lost, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A stop the operator can act on is one line; anything else keeps its stack trace for a bug report.
            LogFeedStopped(e is InvalidOperationException or BlockFeedHaltedException or BitcoindException && !teosd.Debug ? null : e, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>One leader term: from the stored tip until the lease is lost (then return) or the silo stops.</summary>
    private async Task RunTermAsync(CancellationToken lost, CancellationToken stoppingToken)
    {
        using var term = CancellationTokenSource.CreateLinkedTokenSource(lost, stoppingToken);
        try
        {
            // Re-read at every takeover: the previous leader may have processed blocks since this silo last led.
            var stored = await store.GetTipAsync(term.Token);
            var start = await follower.StartAsync(stored?.BlockHash, term.Token);
            if (start.Height < MinimumStartHeight)
                throw new InvalidOperationException($"Not enough blocks: bitcoind is at height {start.Height}, the tower needs at least {MinimumStartHeight}");

            var skipped = await SkipPrunedBlocksAsync(start, term.Token);
            start = skipped ?? start;
            await processor.PrepareAsync(start, recordTip: stored is null || skipped is not null, term.Token);
            leadership.IsLeader = true;
            LogFeedStarted(start.Height, start.Hash.ToString());
            await follower.RunAsync(term.Token);
        }
        catch (Exception e) when (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Whatever was in flight failed because the lease went: its block did not commit, the next leader redoes it.
            LogLeaseLost(e.GetType().Name);
        }
        catch (TipMovedException e) when (!stoppingToken.IsCancellationRequested)
        {
            // Another silo led meanwhile and this one never noticed losing the lease: nothing was committed.
            LogTipMoved(e.Message, _retryInterval.TotalSeconds);
            await Task.Delay(_retryInterval, stoppingToken);
        }
        catch (StorageUnavailableException e) when (!stoppingToken.IsCancellationRequested)
        {
            // Disk full or the database unreachable: the machine's fault, one line without a stack trace.
            LogStorageUnavailable(e.Message, _retryInterval.TotalSeconds);
            await Task.Delay(_retryInterval, stoppingToken);
        }
        catch (DbException e) when (!stoppingToken.IsCancellationRequested)
        {
            // The database failed under the feed: give the lease up (disposing it) and try again, maybe elsewhere.
            LogDatabaseFailed(e, e.Message, _retryInterval.TotalSeconds);
            await Task.Delay(_retryInterval, stoppingToken);
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

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Block feed stopped: {Reason}; standing by, retrying in {IntervalSeconds} s")]
    private partial void LogTipMoved(string reason, double intervalSeconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "--forceupdate: skipping from height {From} to {To}; breaches in between are not answered")]
    private partial void LogSkippingPrunedBlocks(int from, int to);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Tower ready: following bitcoind from height {Height} ({BlockHash})")]
    private partial void LogFeedStarted(int height, string blockHash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "The block feed stopped: {Reason}. teosd is shutting down")]
    private partial void LogFeedStopped(Exception? e, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Tower ready: standing by, another silo runs the block feed; asking for the lease every {IntervalSeconds} s")]
    private partial void LogStandingBy(double intervalSeconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Block feed stopped: the feed lease was lost ({Interrupted}); standing by")]
    private partial void LogLeaseLost(string interrupted);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Block feed stopped: database failure ({Reason}); releasing the lease, retrying in {IntervalSeconds} s")]
    private partial void LogDatabaseFailed(Exception e, string reason, double intervalSeconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Block feed stopped: {Reason}; releasing the lease, retrying in {IntervalSeconds} s")]
    private partial void LogStorageUnavailable(string reason, double intervalSeconds);
}
