using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;

namespace Teos.Silo.Operator;

/// <summary>One sample: null fields were not known (never sampled, bitcoind or the block feed did not answer).</summary>
public sealed record TowerSample(
    TowerCounts? Counts, ChainTipView Tip, int? BitcoindHeight, FeedReport? Feed, string? StorageError, DateTimeOffset? TakenAt)
{
    public static TowerSample None { get; } = new(null, ChainTipView.Unknown, null, null, null, null);

    /// <summary>Blocks bitcoind is ahead of the tower's last processed block.</summary>
    public long? Lag => Tip.IsKnown && BitcoindHeight is { } height ? height - (long)Tip.Height : null;
}
