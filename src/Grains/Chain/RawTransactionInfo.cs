using NBitcoin;

namespace Teos.Grains.Chain;

/// <summary>getrawtransaction (verbose). A transaction in the mempool has no block hash and no confirmations.</summary>
public sealed record RawTransactionInfo(uint256 Txid, byte[] Raw, uint256? BlockHash, int Confirmations)
{
    public bool InMempool => BlockHash is null;
}
