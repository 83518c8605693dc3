using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>A reorg reaches below the recent chain the feed keeps (deeper than the irrevocable depth).</summary>
public sealed class ReorgTooDeepException : BlockFeedHaltedException
{
    public ReorgTooDeepException(ChainLink tip, int forkHeightBelow, int maxDepth)
        : base($"Reorg deeper than {maxDepth} blocks: the new best chain does not contain processed block {tip} nor any of its {maxDepth} ancestors (checked down to height {forkHeightBelow}); the block feed stops")
    {
        Tip = tip;
    }

    public ChainLink Tip { get; }
}
