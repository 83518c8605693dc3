using System.Collections.Concurrent;
using NBitcoin;
using Teos.Grains.Chain;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Tests.Cluster;

/// <summary>Every sendrawtransaction either silo made, by txid (the simulator accepts a known transaction again, so it cannot tell).</summary>
public sealed class Broadcasts
{
    private readonly ConcurrentDictionary<uint256, int> _sent = new();

    public int Of(uint256 txid) => _sent.GetValueOrDefault(txid);

    internal void Sent(uint256 txid) => _sent.AddOrUpdate(txid, 1, (_, count) => count + 1);
}

/// <summary>The silo's bitcoind client, with its broadcasts counted.</summary>
internal sealed class CountedBitcoinNode(IBitcoinNode node, Broadcasts broadcasts) : IBitcoinNode
{
    public Task<BlockchainInfo> GetBlockchainInfoAsync(CancellationToken cancellationToken) => node.GetBlockchainInfoAsync(cancellationToken);

    public Task<uint256> GetBestBlockHashAsync(CancellationToken cancellationToken) => node.GetBestBlockHashAsync(cancellationToken);

    public Task<uint256> GetBlockHashAsync(int height, CancellationToken cancellationToken) => node.GetBlockHashAsync(height, cancellationToken);

    public Task<BlockHeaderInfo> GetBlockHeaderAsync(uint256 blockHash, CancellationToken cancellationToken) =>
        node.GetBlockHeaderAsync(blockHash, cancellationToken);

    public Task<Block> GetBlockAsync(uint256 blockHash, CancellationToken cancellationToken) => node.GetBlockAsync(blockHash, cancellationToken);

    public Task<int> GetBlockCountAsync(CancellationToken cancellationToken) => node.GetBlockCountAsync(cancellationToken);

    public Task<RawTransactionInfo> GetRawTransactionAsync(uint256 txid, CancellationToken cancellationToken) =>
        node.GetRawTransactionAsync(txid, cancellationToken);

    public async Task<uint256> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken)
    {
        broadcasts.Sent(BitcoinWire.ParseTransaction(rawTransaction.ToArray()).GetHash());
        return await node.SendRawTransactionAsync(rawTransaction, cancellationToken);
    }
}
