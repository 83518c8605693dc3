using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>How to move the listener from its tip to bitcoind's: blocks to disconnect, then blocks to connect.</summary>
/// <param name="ForkPoint">The newest block on both chains.</param>
/// <param name="Disconnect">Blocks leaving the chain, newest first.</param>
/// <param name="Connect">Blocks joining the chain, oldest first.</param>
public sealed record ChainSwitch(ChainLink ForkPoint, IReadOnlyList<ChainLink> Disconnect, IReadOnlyList<ChainLink> Connect)
{
    public bool IsReorg => Disconnect.Count > 0;
}
