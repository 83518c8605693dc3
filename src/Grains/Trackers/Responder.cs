using Microsoft.Extensions.Logging;
using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// Decides what happens to penalties (spec 4.4, 4.6): the status a breach's penalty starts in, and the re-sends
/// after missed confirmations or reorgs. It only talks to bitcoind; the caller commits the results.
/// </summary>
public sealed partial class Responder(Carrier carrier, ILogger<Responder> logger)
{
    /// <summary>
    /// The status a new tracker starts in, or null when bitcoind rejects the penalty (the appointment is then
    /// invalid). <paramref name="index"/> is the leader's recent-block index; other silos have none.
    /// </summary>
    public async Task<TrackerStatus?> StatusForBreachAsync(
        Transaction penalty, uint carrierHeight, TransactionIndex? index, CancellationToken cancellationToken)
    {
        if (index is not null && index.TryGetHeight(penalty.GetHash(), out var minedAt))
            return TrackerStatus.ConfirmedIn(minedAt);

        // Deliberately no getrawtransaction first (rust-teos asks whether the penalty is in the mempool): bitcoind
        // answers sendrawtransaction with success for a transaction already there (spec 4.8), which maps to the
        // same InMempoolSince(carrier height). One RPC per breach instead of two, same outcome.
        var outcome = await carrier.SendAsync(penalty, cancellationToken);
        return ResponderRules.StatusAfterBroadcast(outcome, carrierHeight);
    }

    /// <summary>Stale penalty: broadcast again. Null means bitcoind rejected it and the tracker is dropped.</summary>
    public async Task<TrackerStatus?> RebroadcastAsync(Tracker tracker, uint height, CancellationToken cancellationToken)
    {
        LogRebroadcast(tracker.Uuid.ToHex(), tracker.PenaltyTx.GetHash(), tracker.Status.Height);
        var outcome = await carrier.SendAsync(tracker.PenaltyTx, cancellationToken);
        return ResponderRules.StatusAfterBroadcast(outcome, height);
    }

    /// <summary>
    /// A tracker whose confirming block left the chain: the dispute goes first (it may be gone too), then the
    /// penalty. Null means either was rejected and the tracker is dropped.
    /// </summary>
    public async Task<TrackerStatus?> ResendAfterReorgAsync(Tracker tracker, uint height, CancellationToken cancellationToken)
    {
        var dispute = await carrier.SendAsync(tracker.DisputeTx, cancellationToken);
        if (dispute is CarrierOutcome.Rejected)
        {
            LogDisputeGone(tracker.Uuid.ToHex(), tracker.DisputeTx.GetHash());
            return null;
        }

        var penalty = await carrier.SendAsync(tracker.PenaltyTx, cancellationToken);
        return penalty is CarrierOutcome.Rejected ? null : TrackerStatus.InMempoolSince(height);
    }

    public void FinishBlock() => carrier.ClearBlockMemory();

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Penalty {PenaltyTxid} of {Uuid} unconfirmed since {Height}: rebroadcasting")]
    private partial void LogRebroadcast(string uuid, uint256 penaltyTxid, uint height);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Dispute {DisputeTxid} of {Uuid} rejected after a reorg: dropping its tracker")]
    private partial void LogDisputeGone(string uuid, uint256 disputeTxid);
}
