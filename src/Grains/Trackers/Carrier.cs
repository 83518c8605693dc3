using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.Trackers;

/// <summary>
/// Broadcasts through bitcoind and maps its answers (spec 4.4 carrier table). One per silo. Outcomes are remembered
/// per block, so the trackers of one block on this silo send an identical penalty once. Every call is bounded by the
/// bitcoind client; an unreachable bitcoind fails the call (the block feed retries the block on its next tick)
/// instead of holding a grain turn open.
/// </summary>
public sealed partial class Carrier(IBitcoinNode node, ILogger<Carrier> logger)
{
    // Broadcasts of one block run concurrently: remembering the task (not its outcome) keeps identical penalties to
    // one sendrawtransaction even when they are sent at the same time. Two blocks' worth is enough to dedupe.
    private readonly ConcurrentDictionary<(uint256 Block, uint256 Txid), Task<CarrierOutcome>> _issued = new();
    private uint256? _currentBlock;

    /// <param name="block">The block being processed, whose broadcasts share one memory; null for none.</param>
    public async Task<CarrierOutcome> SendAsync(Transaction tx, uint256? block, CancellationToken cancellationToken)
    {
        if (block is null)
            return await SendOnceAsync(tx, cancellationToken);
        if (block != _currentBlock)
        {
            _currentBlock = block;
            foreach (var stale in _issued.Keys.Where(k => k.Block != block))
                _issued.TryRemove(stale, out _);
        }

        var key = (block, tx.GetHash());
        var issued = _issued.GetOrAdd(key, _ => SendOnceAsync(tx, cancellationToken));
        try
        {
            return await issued;
        }
        catch
        {
            // bitcoind failed (not answered): the block is retried, and the retry must ask bitcoind again.
            _issued.TryRemove(new KeyValuePair<(uint256, uint256), Task<CarrierOutcome>>(key, issued));
            throw;
        }
    }

    private async Task<CarrierOutcome> SendOnceAsync(Transaction tx, CancellationToken cancellationToken)
    {
        CarrierOutcome outcome;
        try
        {
            await node.SendRawTransactionAsync(tx.ToBytes(), cancellationToken);
            outcome = CarrierOutcome.Accepted;
        }
        catch (BitcoinRpcException e)
        {
            outcome = CarrierOutcome.FromRpcError(e.Code);
            LogRejected(tx.GetHash(), e.Code, e.RpcMessage);
        }
        catch (BitcoindReplyException e)
        {
            outcome = new CarrierOutcome.Rejected(CarrierOutcome.UnknownJsonRpcException);
            LogRejected(tx.GetHash(), CarrierOutcome.UnknownJsonRpcException, e.Message);
        }

        LogBroadcast(tx.GetHash(), outcome.Describe());
        return outcome;
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Broadcast {Txid}: {Outcome}")]
    private partial void LogBroadcast(uint256 txid, string outcome);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "bitcoind rejected {Txid} with {Code}: {Reason}")]
    private partial void LogRejected(uint256 txid, int code, string reason);
}
