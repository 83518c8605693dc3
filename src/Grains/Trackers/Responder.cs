namespace Teos.Grains.Trackers;

/// <summary>
/// The Responder's rules for one tracker (spec 4.4, 4.6): what a connected block asks of it, and the status a
/// broadcast leaves it in. Pure: the tracker grain performs the broadcasts and persists the result.
/// </summary>
public static class Responder
{
    /// <summary>Blocks on top of the confirming block after which a penalty cannot be reorged out.</summary>
    public const uint IrrevocablyResolved = 100;

    /// <summary>Blocks an unconfirmed penalty may wait before it is broadcast again.</summary>
    public const uint ConfirmationsBeforeRetry = 6;

    /// <summary>Spec 4.4 per connected block, steps 2-4, for one tracker.</summary>
    public static TrackerAction OnBlockConnected(TrackerState tracker, uint height, bool blockHoldsPenalty)
    {
        if (blockHoldsPenalty)
            return TrackerAction.Confirm;
        if (tracker.Reorged)
            return TrackerAction.ResendAfterReorg;
        if (tracker.Status.Confirmed)
        {
            // rust-teos completes on equality only; at or above never leaves a tracker behind if a block was skipped.
            return height - (long)tracker.Status.Height >= IrrevocablyResolved ? TrackerAction.Complete : TrackerAction.Wait;
        }

        return tracker.Status.Height + (long)ConfirmationsBeforeRetry <= height ? TrackerAction.Rebroadcast : TrackerAction.Wait;
    }

    /// <summary>A penalty confirmed in a block that left the chain must be re-sent on the next block (spec 4.6).</summary>
    public static bool IsReorgedBy(TrackerState tracker, uint disconnectedHeight) =>
        tracker.Status.Confirmed && tracker.Status.Height == disconnectedHeight;

    /// <summary>
    /// The status a broadcast leaves a tracker in, or null when it must be dropped. "Already in chain" (-27) counts as
    /// confirmed now (rust-teos would crash storing it; the spec asks to treat it as confirmed, a listed deviation).
    /// </summary>
    public static TrackerStatus? StatusAfterBroadcast(CarrierOutcome outcome, uint height) => outcome switch
    {
        CarrierOutcome.InMempool => TrackerStatus.InMempoolSince(height),
        CarrierOutcome.IrrevocablyResolved => TrackerStatus.ConfirmedIn(height),
        _ => null,
    };

    /// <summary>
    /// After a reorg the dispute goes first (it may have left the chain too); a rejected dispute drops the tracker,
    /// otherwise the penalty is re-sent (spec 4.6).
    /// </summary>
    public static bool ResendPenaltyAfter(CarrierOutcome disputeOutcome) => disputeOutcome is not CarrierOutcome.Rejected;

    /// <summary>The penalty's status after its re-send following a reorg: in the mempool since this block, or dropped.</summary>
    public static TrackerStatus? StatusAfterResend(CarrierOutcome penaltyOutcome, uint height) =>
        penaltyOutcome is CarrierOutcome.Rejected ? null : TrackerStatus.InMempoolSince(height);
}

/// <summary>What a connected block asks of a tracker.</summary>
public enum TrackerAction
{
    /// <summary>Nothing: one more block waited for (a missed confirmation when unconfirmed).</summary>
    Wait,

    /// <summary>The block holds the penalty: confirmed in it.</summary>
    Confirm,

    /// <summary>Irrevocably confirmed: the tracker and its appointment go, the slots come back.</summary>
    Complete,

    /// <summary>Unconfirmed for too long: broadcast the penalty again.</summary>
    Rebroadcast,

    /// <summary>Its confirming block left the chain: re-send the dispute, then the penalty.</summary>
    ResendAfterReorg,
}
