using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using Orleans.Storage;
using Orleans.Utilities;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Grains.Trackers;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// The cluster's one chain follower (spec 4.6-4.8). A grain timer polls bitcoind; each new block is run through the
/// <see cref="BlockDriver"/> and only then the tip is written, fenced by its version: an activation that lost the
/// feed to another (Orleans does not promise a single activation during failures) fails that write, stops and
/// deactivates. Every silo's keeper pings it each second, so wherever it lives it is active and its chain view
/// reaches every silo; a one-minute reminder (the shortest Orleans allows) is the backstop that wakes it should no
/// keeper be calling.
/// </summary>
[GrainType("feed")]
public sealed partial class BlockFeedGrain(
    [PersistentState("feed", StorageProviders.State)] IPersistentState<FeedState> state,
    IBitcoinNode node,
    IRecentBlocks recentBlocks,
    ILocatorRows locatorRows,
    IGatekeeperRows gatekeeperRows,
    IOptions<BlockFeedOptions> options,
    ILocalSiloDetails silo,
    ISiloStatusOracle siloStatus,
    TowerMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : Grain, IBlockFeedGrain, IBlockListener, IRemindable
{
    /// <summary>Spec 4.7 step 6: the 100-block index needs 100 blocks below the start.</summary>
    public const int MinimumStartHeight = 100;

    /// <summary>The reminder that reactivates the feed if no keeper does; it is never removed.</summary>
    public const string KeepAliveReminder = "keep-alive";

    /// <summary>Orleans' shortest reminder period.</summary>
    public static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = loggers.CreateLogger<BlockFeedGrain>();
    private readonly BlockFeedOptions _options = options.Value;
    private ObserverManager<ITipObserver> _observers = null!;
    private BlockDriver _driver = null!;
    private ChainFollower? _follower;
    private ChainTipView _view = ChainTipView.Unknown;
    private IGrainTimer? _timer;
    private IGrainTimer? _warming;
    private bool _reminderRegistered;
    private bool _reminderFailing;
    private long _warmingSince;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _observers = new ObserverManager<ITipObserver>(TimeSpan.FromSeconds(30), _logger);
        _driver = new BlockDriver(GrainFactory, recentBlocks, locatorRows, gatekeeperRows, metrics, loggers.CreateLogger<BlockDriver>());
        await _driver.LoadAsync(cancellationToken);
        if (state.RecordExists && state.State.TipHash is { } hash)
            _view = View(state.State.TipHeight, hash);
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollingInterval) { KeepAlive = true });
        LogActivated(silo.SiloAddress, state.State.TipHeight, _driver.ActiveTrackers);
    }

    public Task<ChainTipView> Ping(ITipObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_view);
    }

    public Task<uint?> FindConfirmation(uint256 txid) =>
        Task.FromResult(_driver.Index.TryGetHeight(txid, out var height) ? height : (uint?)null);

    public Task TrackerStarted()
    {
        _driver.TrackerStartedElsewhere();
        return Task.CompletedTask;
    }

    public Task<FeedReport> GetReport() => Task.FromResult(new FeedReport(
        _view, silo.SiloAddress, _driver.ActiveTrackers - _driver.ConfirmedTrackers, _driver.ConfirmedTrackers));

    /// <summary>Receiving it is the point: the call activated the feed, whose timer now runs.</summary>
    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    async Task IBlockListener.BlockConnectedAsync(Block block, int height, CancellationToken cancellationToken)
    {
        await _driver.ConnectAsync(block, (uint)height, cancellationToken);
        await WriteTipAsync(block.GetHash(), (uint)height);
    }

    async Task IBlockListener.BlockDisconnectedAsync(ChainLink block, CancellationToken cancellationToken)
    {
        await _driver.DisconnectAsync(block, cancellationToken);
        await WriteTipAsync(block.PreviousHash!, (uint)block.Height - 1);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // A silo leaving the cluster (stopping, or told it was declared dead) starts no block: the others may already
        // route the keepers' pings, and the breach's calls back to the feed, to an activation on a silo that stays, which
        // would run the same block (fenced, but twice) and make the two wait on each other. The block in progress ends.
        if (SiloLeaving)
            return;
        await EnsureReminderAsync();
        try
        {
            _follower ??= await StartAsync(cancellationToken);
            await _follower.SyncAsync(cancellationToken);
            Publish(_view with { BitcoindHeight = BitcoindHeight(), BitcoindSeenAt = time.GetUtcNow(), BitcoindReachable = true });
        }
        catch (InconsistentStateException e)
        {
            // Another activation wrote the tip: this one is stale. Nothing it did twice matters (every effect is
            // idempotent); it must not go on.
            LogFenced(e.Message);
            _timer?.Dispose();
            DeactivateOnIdle();
        }
        catch (BlockFeedHaltedException e)
        {
            LogHalted(e, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        catch (BitcoindException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The block in progress did not write its tip: the next tick runs it again.
            LogBitcoindFailed(e.Message);
            Publish(_view with { BitcoindReachable = e is not BitcoindUnreachableException });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogTickFailed(e, e.Message);
            _follower = null;
        }
    }

    /// <summary>
    /// Registers the backstop once per activation, from the timer rather than OnActivateAsync: with the reminder
    /// table unreachable (a database outage) the feed still activates, follows the chain and retries next tick.
    /// </summary>
    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered)
            return;
        try
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod);
            _reminderRegistered = true;
        }
        catch (Exception e)
        {
            if (!_reminderFailing)
                LogReminderFailed(e.GetType().Name, e.Message);
            _reminderFailing = true;
        }
    }

    /// <summary>One batch of the background warm-up of the locator buckets; blocks in between are not held up by more.</summary>
    private async Task WarmBucketsAsync(CancellationToken cancellationToken)
    {
        if (await _driver.WarmNextAsync())
            return;
        _warming?.Dispose();
        LogBucketsWarm(LocatorBucket.Count, time.GetElapsedTime(_warmingSince).TotalSeconds);
    }

    /// <summary>Resumes from the stored tip, or on a first start from bitcoind's best block (spec 4.7 steps 4-7).</summary>
    private async Task<ChainFollower> StartAsync(CancellationToken cancellationToken)
    {
        var follower = new ChainFollower(node, this, options, loggers.CreateLogger<ChainFollower>(), time);
        var stored = state.RecordExists ? state.State.TipHash : null;
        var start = await follower.StartAsync(stored, cancellationToken);
        if (start.Height < MinimumStartHeight)
        {
            throw new BlockFeedHaltedException(
                $"bitcoind is at height {start.Height}; the tower needs at least {MinimumStartHeight} blocks (on regtest, mine them: bitcoin-cli -regtest -generate {MinimumStartHeight - start.Height})");
        }

        var skipped = await SkipPrunedBlocksAsync(follower, start, cancellationToken);
        if (stored is null || skipped is not null)
        {
            start = skipped ?? start;
            await _driver.SeedAsync(await FetchBelowAsync(start, cancellationToken), cancellationToken);
            await WriteTipAsync(start.Hash, (uint)start.Height);
        }

        LogStarted(start.Height, start.Hash);
        _warmingSince = time.GetTimestamp();
        _warming ??= this.RegisterGrainTimer(WarmBucketsAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
        return follower;
    }

    /// <summary>
    /// Spec 4.7 step 5: a pruned bitcoind may no longer have the blocks the tower must process. Refuse, or with
    /// --forceupdate restart from the prune height + 100, knowingly missing breaches in between.
    /// </summary>
    private async Task<ChainLink?> SkipPrunedBlocksAsync(ChainFollower follower, ChainLink start, CancellationToken cancellationToken)
    {
        var info = await node.GetBlockchainInfoAsync(cancellationToken);
        if (info.PruneHeight is not { } pruned || start.Height - MinimumStartHeight + 1 >= pruned)
            return null;
        if (!_options.ForceUpdate)
        {
            throw new BlockFeedHaltedException(
                $"bitcoind has pruned the blocks below height {pruned}, but the tower must process blocks from height {start.Height - MinimumStartHeight + 1}; " +
                $"restart with --forceupdate to continue from height {pruned + MinimumStartHeight} (breaches in the skipped blocks will be missed)");
        }

        LogSkippingPrunedBlocks(start.Height, pruned + MinimumStartHeight);
        var resume = await node.GetBlockHashAsync(pruned + MinimumStartHeight, cancellationToken);
        return await follower.StartAsync(resume, cancellationToken);
    }

    /// <summary>The 100 blocks ending at <paramref name="start"/>, oldest first (spec 4.7 step 7).</summary>
    private async Task<IReadOnlyList<(Block, uint)>> FetchBelowAsync(ChainLink start, CancellationToken cancellationToken)
    {
        var blocks = new List<(Block, uint)>();
        uint256? hash = start.Hash;
        for (var height = start.Height; hash is not null && height >= 0 && blocks.Count < Responder.IrrevocablyResolved; height--)
        {
            var block = await node.GetBlockAsync(hash, cancellationToken);
            blocks.Add((block, (uint)height));
            hash = height > 0 ? block.Header.HashPrevBlock : null;
        }

        blocks.Reverse();
        return blocks;
    }

    /// <summary>The block's effects are done: the tip moves, fenced by the state's version, and every silo hears of it.</summary>
    private async Task WriteTipAsync(uint256 hash, uint height)
    {
        state.State = new FeedState { TipHash = hash, TipHeight = height };
        await state.WriteStateAsync();
        Publish(View(height, hash));
    }

    private ChainTipView View(uint height, uint256 hash) =>
        new(height, hash, Math.Max(height, BitcoindHeight()), _view.BitcoindSeenAt, _view.BitcoindReachable, time.GetUtcNow());

    private uint BitcoindHeight() => _follower?.BestSeen is { } best ? (uint)best.Height : _view.BitcoindHeight;

    private void Publish(ChainTipView view)
    {
        _view = view with { At = time.GetUtcNow() };
        // A leaving silo's runtime no longer addresses the silos' observers and logs each push as an error; the keepers'
        // pings carry the view until the feed's next activation pushes again.
        if (!SiloLeaving)
            _observers.Notify(o => o.OnTip(_view));
    }

    /// <summary>
    /// From SIGTERM on (before Orleans itself stops, once the listeners drained), or once Orleans stops or learns it was
    /// declared dead.
    /// </summary>
    private bool SiloLeaving => lifetime.ApplicationStopping.IsCancellationRequested || siloStatus.CurrentStatus.IsTerminating();

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Block feed active on {Silo}: stored tip {Height}, {Trackers} trackers")]
    private partial void LogActivated(SiloAddress silo, uint height, int trackers);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Block feed follows bitcoind from height {Height} ({BlockHash})")]
    private partial void LogStarted(int height, uint256 blockHash);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Block feed fenced: another activation moved the tip ({Reason}); this one stops")]
    private partial void LogFenced(string reason);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Critical, Message = "The block feed stopped: {Reason}. teosd is shutting down")]
    private partial void LogHalted(Exception e, string reason);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Warning, Message = "bitcoind call failed, retrying next poll: {Reason}")]
    private partial void LogBitcoindFailed(string reason);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Error, Message = "Block feed tick failed, resuming from the stored tip next poll: {Reason}")]
    private partial void LogTickFailed(Exception e, string reason);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Information, Message = "{Buckets} locator buckets warm after {Seconds:F1} s")]
    private partial void LogBucketsWarm(int buckets, double seconds);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Warning, Message = "--forceupdate: skipping from height {From} to {To}; breaches in between are not answered")]
    private partial void LogSkippingPrunedBlocks(int from, int to);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Warning, Message = "Block feed could not register its keep-alive reminder, retrying next poll ({Error}: {Reason})")]
    private partial void LogReminderFailed(string error, string reason);
}
