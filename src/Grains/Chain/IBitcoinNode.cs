using NBitcoin;

namespace Teos.Grains.Chain;

/// <summary>
/// The tower's only window on the Bitcoin network: the bitcoind RPC methods it uses (spec 4.8).
/// Block hashes and txids are NBitcoin <see cref="uint256"/> values (internal order; display order on the wire).
/// </summary>
/// <remarks>
/// Every method throws <see cref="BitcoinRpcException"/> when bitcoind answers with an RPC error (its code and
/// message), <see cref="BitcoindUnreachableException"/> when bitcoind could not be reached after the client's
/// bounded retries, <see cref="BitcoindReplyException"/> when the reply is not what bitcoind sends, and
/// <see cref="BitcoindAuthenticationException"/> when bitcoind rejects the credentials.
/// </remarks>
public interface IBitcoinNode
{
    Task<BlockchainInfo> GetBlockchainInfoAsync(CancellationToken cancellationToken);

    Task<uint256> GetBestBlockHashAsync(CancellationToken cancellationToken);

    /// <summary>The hash of the best-chain block at <paramref name="height"/>; -8 when out of range.</summary>
    Task<uint256> GetBlockHashAsync(int height, CancellationToken cancellationToken);

    /// <summary>getblockheader (verbose). Works for stale blocks too: bitcoind keeps their headers.</summary>
    Task<BlockHeaderInfo> GetBlockHeaderAsync(uint256 blockHash, CancellationToken cancellationToken);

    /// <summary>getblock with verbosity 0, parsed: the full block with every transaction. -1 when pruned, -5 when unknown.</summary>
    Task<Block> GetBlockAsync(uint256 blockHash, CancellationToken cancellationToken);

    Task<int> GetBlockCountAsync(CancellationToken cancellationToken);

    /// <summary>getrawtransaction verbose; -5 when neither in the mempool nor findable (no txindex).</summary>
    Task<RawTransactionInfo> GetRawTransactionAsync(uint256 txid, CancellationToken cancellationToken);

    /// <summary>sendrawtransaction; returns the txid, also when the transaction was already in the mempool.</summary>
    Task<uint256> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken);
}
