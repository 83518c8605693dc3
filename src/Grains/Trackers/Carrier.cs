using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.Trackers;

/// <summary>
/// Broadcasts through bitcoind and maps its answers (spec 4.4). Outcomes are remembered per txid until the end
/// of the block being processed, so one block never sends the same transaction twice. While bitcoind is down,
/// calls wait and retry rather than guess.
/// </summary>
public sealed partial class Carrier(IBitcoinNode node, ILogger<Carrier> logger, TimeProvider? time = null)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    // Breaches of one block are answered concurrently: remembering the broadcast task (not its outcome) keeps
    // identical penalties to one sendrawtransaction even when they are handled at the same time.
    private readonly ConcurrentDictionary<uint256, Task<CarrierOutcome>> _issued = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<CarrierOutcome> SendAsync(Transaction tx, CancellationToken cancellationToken) =>
        _issued.GetOrAdd(tx.GetHash(), _ => SendOnceAsync(tx, cancellationToken));

    /// <summary>Called when the Responder finishes a block.</summary>
    public void ClearBlockMemory() => _issued.Clear();

    private async Task<CarrierOutcome> SendOnceAsync(Transaction tx, CancellationToken cancellationToken)
    {
        var outcome = await UntilReachableAsync(() => BroadcastAsync(tx, cancellationToken), cancellationToken);
        LogBroadcast(tx.GetHash(), outcome);
        return outcome;
    }

    private async Task<CarrierOutcome> BroadcastAsync(Transaction tx, CancellationToken cancellationToken)
    {
        try
        {
            await node.SendRawTransactionAsync(tx.ToBytes(), cancellationToken);
            return CarrierOutcome.Accepted;
        }
        catch (BitcoinRpcException e)
        {
            LogRejected(tx.GetHash(), e.Code, e.RpcMessage);
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
    private partial void LogBroadcast(uint256 txid, CarrierOutcome outcome);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "bitcoind rejected {Txid} with {Code}: {Reason}")]
    private partial void LogRejected(uint256 txid, int code, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "bitcoind unreachable, the carrier waits and retries: {Reason}")]
    private partial void LogWaitingForBitcoind(string reason);
}
