using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>
/// Txids of the most recent blocks and the height each was mined at, so a penalty already mined is recorded as
/// confirmed instead of re-broadcast (spec 4.4). Leader-local and rebuildable from bitcoind.
/// </summary>
public sealed class TransactionIndex(int depth = (int)ResponderRules.IrrevocablyResolved)
{
    private readonly Dictionary<uint256, uint> _heights = new();
    private readonly LinkedList<(uint256 Block, uint Height, uint256[] Txids)> _blocks = new();

    public int BlockCount => _blocks.Count;

    public void Add(uint256 blockHash, uint height, IEnumerable<uint256> txids)
    {
        var block = txids.ToArray();
        _blocks.AddLast((blockHash, height, block));
        foreach (var txid in block)
            _heights[txid] = height;
        while (_blocks.Count > depth)
        {
            Forget(_blocks.First!.Value.Txids);
            _blocks.RemoveFirst();
        }
    }

    /// <summary>Forgets everything, before a new leader term refills it from bitcoind.</summary>
    public void Clear()
    {
        _blocks.Clear();
        _heights.Clear();
    }

    public void Remove(uint256 blockHash)
    {
        for (var node = _blocks.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Block != blockHash)
                continue;
            Forget(node.Value.Txids);
            _blocks.Remove(node);
            return;
        }
    }

    public bool TryGetHeight(uint256 txid, out uint height) => _heights.TryGetValue(txid, out height);

    private void Forget(uint256[] txids)
    {
        foreach (var txid in txids)
            _heights.Remove(txid);
    }
}
