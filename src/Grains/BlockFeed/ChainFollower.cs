using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Follows bitcoind's best chain by polling and hands every block to an <see cref="IBlockListener"/> in order
/// (spec 4.6, 4.8). It trusts bitcoind's choice of best block (bitcoind validates; the tower does not check
/// proof of work), so a tip with less work after invalidateblock is followed too, unlike rust-teos.
/// </summary>
public sealed partial class ChainFollower
{
    private readonly IBitcoinNode _node;
    private readonly IBlockListener _listener;
    private readonly BlockFeedOptions _options;
    private readonly ILogger<ChainFollower> _logger;
    private readonly TimeProvider _time;
    private RecentChain? _recent;

    public ChainFollower(IBitcoinNode node, IBlockListener listener, IOptions<BlockFeedOptions> options, ILogger<ChainFollower> logger, TimeProvider? time = null)
    {
        _node = node;
        _listener = listener;
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The last block the listener finished with; null before <see cref="StartAsync"/>.</summary>
    public ChainLink? Tip => _recent?.Tip;

    /// <summary>Whether the last poll reached bitcoind (spec 4.8: the API answers 503 while it does not).</summary>
    public bool IsBitcoindReachable { get; private set; } = true;

    /// <summary>
    /// Sets the starting point: the last block the listener processed (from its store), or bitcoind's best block
    /// when there is none (the listener gets no event for that block). The block may have been reorged out
    /// meanwhile; the next sync then disconnects it first.
    /// </summary>
    /// <exception cref="BlockUnavailableException">bitcoind does not know the last processed block.</exception>
    public async Task<ChainLink> StartAsync(uint256? lastProcessed, CancellationToken cancellationToken)
    {
        var start = lastProcessed ?? await _node.GetBestBlockHashAsync(cancellationToken).ConfigureAwait(false);
        BlockHeaderInfo header;
        try
        {
            header = await _node.GetBlockHeaderAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (BitcoinRpcException e) when (e.Code == RpcErrorCode.InvalidAddressOrKey)
        {
            throw new BlockUnavailableException(start, -1, "bitcoind does not know the last processed block", e);
        }

        _recent = new RecentChain(header.ToLink(), _options.MaxReorgDepth);
        LogStarted(header.Height, header.Hash, header.IsOnBestChain);
        return _recent.Tip;
    }

    /// <summary>
    /// Polls bitcoind until the listener has reached its best block: one sync, then one every polling interval.
    /// Outages of bitcoind are waited out; a halt (<see cref="BlockFeedHaltedException"/>), a listener failure or
    /// cancellation ends it.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        while (true)
        {
            try
            {
                await SyncAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BlockFeedHaltedException e)
            {
                LogHalted(e, e.Message);
                throw;
            }
            catch (BitcoindException e) when (!cancellationToken.IsCancellationRequested)
            {
                MarkUnreachable(e);
            }

            await Task.Delay(_options.PollingInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One poll: brings the listener to bitcoind's best block (and to any newer tip that appears meanwhile).
    /// </summary>
    /// <returns>The number of events delivered.</returns>
    /// <exception cref="BitcoindException">bitcoind failed; nothing after the last delivered event is lost.</exception>
    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var recent = EnsureStarted();
        var delivered = 0;
        while (true)
        {
            var best = await _node.GetBestBlockHashAsync(cancellationToken).ConfigureAwait(false);
            MarkReachable();
            if (best == recent.Tip.Hash)
                return delivered;

            var chainSwitch = await FindSwitchAsync(recent, best, cancellationToken).ConfigureAwait(false);
            delivered += await ApplyAsync(recent, chainSwitch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ChainSwitch> FindSwitchAsync(RecentChain recent, uint256 best, CancellationToken cancellationToken)
    {
        var tip = await _node.GetBlockHeaderAsync(best, cancellationToken).ConfigureAwait(false);
        var search = new ForkSearch(recent, tip.ToLink());
        while (search.WantedHeader is { } wanted)
        {
            var header = await _node.GetBlockHeaderAsync(wanted, cancellationToken).ConfigureAwait(false);
            search.Supply(header.ToLink());
        }

        return search.Result!;
    }

    private async Task<int> ApplyAsync(RecentChain recent, ChainSwitch chainSwitch, CancellationToken cancellationToken)
    {
        if (chainSwitch.IsReorg)
            LogReorg(chainSwitch.Disconnect.Count, chainSwitch.ForkPoint.Height, chainSwitch.ForkPoint.Hash, chainSwitch.Connect.Count);

        foreach (var stale in chainSwitch.Disconnect)
        {
            await _listener.BlockDisconnectedAsync(stale, cancellationToken).ConfigureAwait(false);
            recent.DisconnectTip();
            LogDisconnected(stale.Height, stale.Hash);
        }

        var progress = new CatchUpProgress(chainSwitch.Connect.Count, _time);
        foreach (var link in chainSwitch.Connect)
        {
            var block = await FetchBlockAsync(link, cancellationToken).ConfigureAwait(false);
            await _listener.BlockConnectedAsync(block, link.Height, cancellationToken).ConfigureAwait(false);
            recent.Connect(link);
            LogConnected(link.Height, link.Hash, block.Transactions.Count);
            ReportProgress(progress, link);
        }

        if (progress.Total > 1)
            LogCaughtUp(progress.Total, recent.Tip.Height, progress.Elapsed.TotalSeconds, progress.Rate);
        return chainSwitch.Disconnect.Count + chainSwitch.Connect.Count;
    }

    private async Task<Block> FetchBlockAsync(ChainLink link, CancellationToken cancellationToken)
    {
        Block block;
        try
        {
            block = await _node.GetBlockAsync(link.Hash, cancellationToken).ConfigureAwait(false);
        }
        catch (BitcoinRpcException e) when (e.Code is RpcErrorCode.MiscError or RpcErrorCode.InvalidAddressOrKey)
        {
            // -1 "Block not available (pruned data)", -5 "Block not found": skipping it would miss breaches.
            throw new BlockUnavailableException(link.Hash, link.Height, e.RpcMessage, e);
        }

        if (block.Header.GetHash() != link.Hash)
            throw new BitcoindReplyException($"getblock {link.Hash} returned block {block.Header.GetHash()}");
        return block;
    }

    private void ReportProgress(CatchUpProgress progress, ChainLink link)
    {
        if (progress.Advance(_options.ProgressLogInterval))
            LogCatchUpProgress(progress.Done, progress.Total, link.Height, progress.Rate, progress.TimeLeftText);
    }

    private RecentChain EnsureStarted() =>
        _recent ?? throw new InvalidOperationException("Call StartAsync before following the chain");

    private void MarkReachable()
    {
        if (IsBitcoindReachable)
            return;
        IsBitcoindReachable = true;
        LogReachableAgain();
    }

    private void MarkUnreachable(BitcoindException e)
    {
        if (e is BitcoindUnreachableException)
        {
            if (IsBitcoindReachable)
                LogUnreachable(e.Message);
            IsBitcoindReachable = false;
            return;
        }

        // An RPC or reply error during a poll: nothing was skipped, the next poll tries again.
        LogPollFailed(e, e.Message);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Block feed starts at height {Height} block {BlockHash} (on bitcoind's best chain: {OnBestChain})")]
    private partial void LogStarted(int height, uint256 blockHash, bool onBestChain);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Block connected: height {Height} block {BlockHash} ({TransactionCount} transactions)")]
    private partial void LogConnected(int height, uint256 blockHash, int transactionCount);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Block disconnected: height {Height} block {BlockHash}")]
    private partial void LogDisconnected(int height, uint256 blockHash);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Reorg: disconnecting {Depth} blocks down to fork point {ForkHeight} {ForkHash}, then connecting {ConnectCount}")]
    private partial void LogReorg(int depth, int forkHeight, uint256 forkHash, int connectCount);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Catching up: {Done}/{Total} blocks done, at height {Height}, {Rate:F1} blocks/s, {TimeLeft} left")]
    private partial void LogCatchUpProgress(int done, int total, int height, double rate, string timeLeft);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Caught up {Total} blocks to height {Height} in {Seconds:F1} s ({Rate:F1} blocks/s)")]
    private partial void LogCaughtUp(int total, int height, double seconds, double rate);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "bitcoind unreachable, retrying every polling interval: {Reason}")]
    private partial void LogUnreachable(string reason);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information, Message = "bitcoind reachable again")]
    private partial void LogReachableAgain();

    [LoggerMessage(EventId = 3108, Level = LogLevel.Error, Message = "Polling bitcoind failed, retrying next poll: {Reason}")]
    private partial void LogPollFailed(Exception exception, string reason);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Critical, Message = "Block feed halted: {Reason}")]
    private partial void LogHalted(Exception exception, string reason);
}
