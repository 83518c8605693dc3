using System.Numerics;
using NBitcoin;

namespace Teos.Grains.Chain;

/// <summary>getblockheader (verbose): a header placed in bitcoind's view of the chain.</summary>
/// <param name="PreviousBlockHash">Null only for the genesis block.</param>
/// <param name="Confirmations">-1 for a block that is not on the best chain (stale).</param>
public sealed record BlockHeaderInfo(uint256 Hash, int Height, uint256? PreviousBlockHash, BigInteger ChainWork, int Confirmations)
{
    public bool IsOnBestChain => Confirmations >= 1;

    public ChainLink ToLink() => new(Hash, Height, PreviousBlockHash);
}
