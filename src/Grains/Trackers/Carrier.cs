using Microsoft.Extensions.Logging;
using Teos.Grains.Chain;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// Broadcasts through bitcoind and maps its answers (spec 4.4). Outcomes are remembered per txid until the end
/// of the block being processed, so one block never sends the same transaction twice. While bitcoind is down,
/// calls wait and retry rather than guess.
/// </summary>
public sealed partial class Carrier(IBitcoinNode node, ILogger<Carrier> logger, TimeProvider? time = null)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Dictionary<Txid, CarrierOutcome> _issued = new(); // one block at a time: the block feed is sequential
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<CarrierOutcome> SendAsync(Transaction tx, CancellationToken cancellationToken)
    {
        if (_issued.TryGetValue(tx.Txid, out var known))
            return known;

        var outcome = await UntilReachableAsync(() => BroadcastAsync(tx, cancellationToken), cancellationToken);
        _issued[tx.Txid] = outcome;
        LogBroadcast(tx.Txid, outcome);
        return outcome;
    }

    /// <summary>getrawtransaction: any RPC error (normally -5) means "not in the mempool".</summary>
    public Task<bool> IsInMempoolAsync(Txid txid, CancellationToken cancellationToken) =>
        UntilReachableAsync(async () =>
        {
            try
            {
                return (await node.GetRawTransactionAsync(txid, cancellationToken)).InMempool;
            }
            catch (BitcoindException e) when (e is BitcoinRpcException or BitcoindReplyException)
            {
                return false;
            }
        }, cancellationToken);

    /// <summary>Called when the Responder finishes a block.</summary>
    public void ClearBlockMemory() => _issued.Clear();

    private async Task<CarrierOutcome> BroadcastAsync(Transaction tx, CancellationToken cancellationToken)
    {
        try
        {
            await node.SendRawTransactionAsync(tx.Serialize(), cancellationToken);
            return CarrierOutcome.Accepted;
        }
        catch (BitcoinRpcException e)
        {
            LogRejected(tx.Txid, e.Code, e.RpcMessage);
            return CarrierOutcome.FromRpcError(e.Code);
        }
        catch (BitcoindReplyException)
        {
            return new CarrierOutcome.Rejected(CarrierOutcome.UnknownJsonRpcException);
        }
    }

    private async Task<T> UntilReachableAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (BitcoindException e) when (e is BitcoindUnreachableException or BitcoindAuthenticationException)
            {
                LogWaitingForBitcoind(e.Message);
                await Task.Delay(RetryDelay, _time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Broadcast {Txid}: {Outcome}")]
    private partial void LogBroadcast(Txid txid, CarrierOutcome outcome);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "bitcoind rejected {Txid} with {Code}: {Reason}")]
    private partial void LogRejected(Txid txid, int code, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "bitcoind unreachable, the carrier waits and retries: {Reason}")]
    private partial void LogWaitingForBitcoind(string reason);
}
