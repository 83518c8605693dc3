using NBitcoin;

namespace Teos.Grains.Chain;

/// <summary>A block's place in a chain: its hash, its height and the hash of its parent (null for genesis).</summary>
public sealed record ChainLink(uint256 Hash, int Height, uint256? PreviousHash)
{
    public override string ToString() => $"{Height}:{Hash}";
}
