using Teos.Grains.Store;

namespace Teos.Silo.Operator;

/// <summary>One sample: null fields were not known (never sampled, or bitcoind did not answer).</summary>
public sealed record TowerSample(TowerCounts? Counts, ChainTip? Tip, int? BitcoindHeight, string? StorageError, DateTimeOffset? TakenAt)
{
    public static TowerSample None { get; } = new(null, null, null, null, null);

    /// <summary>Blocks bitcoind is ahead of the tower's last processed block.</summary>
    public long? Lag => Tip is { } tip && BitcoindHeight is { } height ? height - (long)tip.Height : null;
}
