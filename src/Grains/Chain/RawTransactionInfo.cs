using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Chain;

/// <summary>getrawtransaction (verbose). A transaction in the mempool has no block hash and no confirmations.</summary>
public sealed record RawTransactionInfo(Txid Txid, byte[] Raw, Txid? BlockHash, int Confirmations)
{
    public bool InMempool => BlockHash is null;
}
