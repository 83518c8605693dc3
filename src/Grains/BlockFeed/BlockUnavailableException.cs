using NBitcoin;

namespace Teos.Grains.BlockFeed;

/// <summary>bitcoind no longer has (or never had) a block the tower must process, e.g. a pruned node after long downtime.</summary>
public sealed class BlockUnavailableException : BlockFeedHaltedException
{
    public BlockUnavailableException(uint256 blockHash, int height, string reason, Exception? innerException = null)
        : base($"bitcoind cannot serve block {blockHash} at height {height} ({reason}); the tower must process every block, so the block feed stops instead of skipping it. Resync bitcoind (or lower its pruning) and restart", innerException)
    {
        BlockHash = blockHash;
        Height = height;
    }

    public uint256 BlockHash { get; }

    public int Height { get; }
}
