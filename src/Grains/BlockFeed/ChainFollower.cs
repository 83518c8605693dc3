using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Follows bitcoind's best chain by polling and hands every block to an <see cref="IBlockListener"/> in order
/// (spec 4.6, 4.8). It trusts bitcoind's choice of best block (bitcoind validates; the tower does not check
/// proof of work), so a tip with less work after invalidateblock is followed too, unlike rust-teos. It runs inside
/// the block feed grain's turns, so its awaits stay on the grain's scheduler (no ConfigureAwait(false)).
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

    /// <summary>bitcoind's best block at the last poll (the height the listener is catching up to).</summary>
    public ChainLink? BestSeen { get; private set; }

    /// <summary>
    /// Sets the starting point: the last block the listener processed (from its store), or bitcoind's best block
    /// when there is none (the listener gets no event for that block). The block may have been reorged out
    /// meanwhile; the next sync then disconnects it first.
    /// </summary>
    /// <exception cref="BlockUnavailableException">bitcoind does not know the last processed block.</exception>
    public async Task<ChainLink> StartAsync(uint256? lastProcessed, CancellationToken cancellationToken)
    {
        var start = lastProcessed ?? await _node.GetBestBlockHashAsync(cancellationToken);
        BlockHeaderInfo header;
        try
        {
            header = await _node.GetBlockHeaderAsync(start, cancellationToken);
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
            var best = await _node.GetBestBlockHashAsync(cancellationToken);
            if (best == recent.Tip.Hash)
            {
                BestSeen = recent.Tip;
                return delivered;
            }

            var chainSwitch = await FindSwitchAsync(recent, best, cancellationToken);
            delivered += await ApplyAsync(recent, chainSwitch, cancellationToken);
        }
    }

    private async Task<ChainSwitch> FindSwitchAsync(RecentChain recent, uint256 best, CancellationToken cancellationToken)
    {
        var tip = await _node.GetBlockHeaderAsync(best, cancellationToken);
        BestSeen = tip.ToLink();
        var search = new ForkSearch(recent, tip.ToLink());
        while (search.WantedHeader is { } wanted)
        {
            var header = await _node.GetBlockHeaderAsync(wanted, cancellationToken);
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
            await _listener.BlockDisconnectedAsync(stale, cancellationToken);
            recent.DisconnectTip();
            LogDisconnected(stale.Height, stale.Hash);
        }

        var progress = new CatchUpProgress(chainSwitch.Connect.Count, _time);
        foreach (var link in chainSwitch.Connect)
        {
            var block = await FetchBlockAsync(link, cancellationToken);
            await _listener.BlockConnectedAsync(block, link.Height, cancellationToken);
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
            block = await _node.GetBlockAsync(link.Hash, cancellationToken);
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
}
