using NBitcoin;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// The tower's chain view, pushed by the block feed to every silo after each block and poll: its tip (spec 4.1's
/// current height) and what it last saw of bitcoind.
/// </summary>
/// <param name="BitcoindHeight">bitcoind's best height at the last successful poll.</param>
/// <param name="BitcoindSeenAt">When a poll last succeeded; null before the first.</param>
/// <param name="At">When the feed made this view: a silo keeps the newest it received.</param>
[GenerateSerializer, Immutable, Alias("teos.chain-tip-view")]
public sealed record ChainTipView(
    uint Height, uint256? Hash, uint BitcoindHeight, DateTimeOffset? BitcoindSeenAt, bool BitcoindReachable, DateTimeOffset At)
{
    /// <summary>Before the feed's first word: no tip yet.</summary>
    public static ChainTipView Unknown { get; } = new(0, null, 0, null, true, DateTimeOffset.MinValue);

    public bool IsKnown => Hash is not null;
}
