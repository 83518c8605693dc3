using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>The Responder's pure rules (spec 4.4, 4.6).</summary>
public static class ResponderRules
{
    /// <summary>Blocks on top of the confirming block after which a penalty cannot be reorged out.</summary>
    public const uint IrrevocablyResolved = 100;

    /// <summary>Blocks an unconfirmed penalty may wait before it is broadcast again.</summary>
    public const uint ConfirmationsBeforeRetry = 6;

    public static ConfirmationPass OnBlockConnected(
        uint height, IReadOnlySet<uint256> blockTxids, IEnumerable<TrackerSummary> trackers)
    {
        List<TrackerSummary> confirmed = [], completed = [], missed = [], reorged = [], stale = [];
        foreach (var tracker in trackers)
        {
            if (blockTxids.Contains(tracker.PenaltyTxid))
            {
                confirmed.Add(tracker with { Status = TrackerStatus.ConfirmedIn(height), Reorged = false });
            }
            else if (tracker.Reorged)
            {
                reorged.Add(tracker);
            }
            else if (tracker.Status.Confirmed)
            {
                // Equality, as rust-teos: every block is processed, so the completion block is never skipped.
                if (height - tracker.Status.Height == IrrevocablyResolved)
                    completed.Add(tracker);
            }
            else
            {
                missed.Add(tracker);
                if (tracker.Status.Height + ConfirmationsBeforeRetry <= height)
                    stale.Add(tracker);
            }
        }

        return new ConfirmationPass(confirmed, completed, missed, reorged, stale);
    }

    /// <summary>Trackers confirmed in a block that left the chain must be re-sent on the next block.</summary>
    public static IReadOnlyList<TrackerSummary> OnBlockDisconnected(uint height, IEnumerable<TrackerSummary> trackers) =>
        trackers.Where(t => t.Status.Confirmed && t.Status.Height == height)
            .Select(t => t with { Reorged = true })
            .ToList();

    /// <summary>
    /// The status a broadcast leaves a tracker in, or null when it must be dropped. "Already in chain" counts as
    /// confirmed now (rust-teos would crash storing it; the spec asks to treat it as confirmed).
    /// </summary>
    public static TrackerStatus? StatusAfterBroadcast(CarrierOutcome outcome, uint height) => outcome switch
    {
        CarrierOutcome.InMempool => TrackerStatus.InMempoolSince(height),
        CarrierOutcome.IrrevocablyResolved => TrackerStatus.ConfirmedIn(height),
        _ => null,
    };
}
