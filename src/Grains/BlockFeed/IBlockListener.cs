using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Receives the chain one block at a time, in order: on a reorg every block leaving the chain (newest first,
/// down to the fork point), then every block joining it (oldest first). A block is never connected twice on
/// the same branch.
/// </summary>
/// <remarks>
/// The feed counts a block as processed only once the call returns, so an implementation commits the block's
/// effects together with its "last processed block" marker (the connected block's hash, or the disconnected
/// block's <see cref="ChainLink.PreviousHash"/>) before returning. If a call throws, the feed stops
/// (<see cref="ChainFollower.RunAsync"/> rethrows) and the same event comes again after a restart from the
/// stored marker.
/// </remarks>
public interface IBlockListener
{
    Task BlockConnectedAsync(Block block, int height, CancellationToken cancellationToken);

    Task BlockDisconnectedAsync(ChainLink block, CancellationToken cancellationToken);
}
