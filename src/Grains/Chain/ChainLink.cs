using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Chain;

/// <summary>A block's place in a chain: its hash, its height and the hash of its parent (null for genesis).</summary>
public sealed record ChainLink(Txid Hash, int Height, Txid? PreviousHash)
{
    public override string ToString() => $"{Height}:{Hash}";
}
