namespace Teos.Grains.BlockFeed;

/// <summary>The block feed as operators see it: its chain view, the silo it runs on and how many trackers it drives.</summary>
[GenerateSerializer, Immutable, Alias("teos.feed-report")]
public sealed record FeedReport(ChainTipView Tip, SiloAddress Silo, int ActiveTrackers);
