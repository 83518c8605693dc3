namespace Teos.Grains.BlockFeed;

/// <summary>The block feed as operators see it: its chain view, where it runs and how many trackers it drives.</summary>
[GenerateSerializer, Immutable, Alias("teos.feed-report")]
public sealed record FeedReport(ChainTipView Tip, string Silo, int ActiveTrackers);
