using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// The Responder for one triggered appointment (key <c>"&lt;tower&gt;/&lt;uuid hex&gt;"</c>, spec 4.4, 4.6): broadcasts
/// the penalty, counts confirmations, rebroadcasts, re-sends after reorgs and completes. Every block is applied
/// once: a replayed block changes nothing.
/// </summary>
public interface ITrackerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts following a penalty: its status from the block feed's 100-block index when given, else a broadcast.
    /// Idempotent: an existing tracker answers its current status.
    /// </summary>
    /// <returns>The status; null when bitcoind rejected the penalty (nothing is stored).</returns>
    Task<TrackerStatus?> Start(TrackerStart start);

    /// <summary>One connected block (spec 4.4 per connected block, steps 2-5 for this tracker).</summary>
    Task<TrackerStep> OnBlockConnected(TrackerBlock block);

    /// <summary>A block left the best chain: a penalty confirmed there is re-sent on the next block (spec 4.6).</summary>
    Task OnBlockDisconnected(uint height, uint256 blockHash);

    /// <summary>The penalty followed, or null when there is no tracker.</summary>
    [ReadOnly]
    Task<TrackerView?> GetView();

    /// <summary>The owner was outdated and deleted with its rows: forget the tracker (no refund).</summary>
    Task Drop();
}
