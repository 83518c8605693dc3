namespace Teos.Grains.BlockFeed;

/// <summary>
/// The block feed as operators see it: its chain view, the silo it runs on, and the trackers it drives by state
/// (as of the last block).
/// </summary>
[GenerateSerializer, Immutable, Alias("teos.feed-report")]
public sealed record FeedReport(ChainTipView Tip, SiloAddress Silo, int TrackersInMempool, int TrackersConfirmed)
{
    public int ActiveTrackers => TrackersInMempool + TrackersConfirmed;
}
