using NBitcoin;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// What the block feed persists: the last block whose processing finished (the tower's notion of time, spec
/// 4.1). Written last in every block, fenced by its version, so a stale activation cannot move it.
/// </summary>
[GenerateSerializer, Alias("teos.feed.v1")]
public sealed record FeedState
{
    [Id(0)] public uint256? TipHash { get; init; }

    [Id(1)] public uint TipHeight { get; init; }
}
