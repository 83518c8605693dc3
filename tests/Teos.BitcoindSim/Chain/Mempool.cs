using NBitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>Unconfirmed transactions in arrival order, and the outpoints they spend.</summary>
internal sealed class Mempool
{
    private readonly Dictionary<uint256, (long Sequence, Transaction Transaction)> _entries = [];
    private readonly Dictionary<OutPoint, uint256> _spends = [];
    private long _sequence;

    public int Count => _entries.Count;

    public bool Contains(uint256 txid) => _entries.ContainsKey(txid);

    public bool TryGet(uint256 txid, out Transaction transaction)
    {
        var found = _entries.TryGetValue(txid, out var entry);
        transaction = entry.Transaction;
        return found;
    }

    public uint256? SpenderOf(OutPoint outPoint) => _spends.TryGetValue(outPoint, out var spender) ? spender : null;

    /// <summary>False when the outpoint names a mempool transaction's output that does not exist.</summary>
    public bool OutputCouldExist(OutPoint outPoint) =>
        !_entries.TryGetValue(outPoint.Hash, out var entry) || outPoint.N < entry.Transaction.Outputs.Count;

    public void Add(Transaction transaction)
    {
        _entries[transaction.GetHash()] = (_sequence++, transaction);
        foreach (var input in transaction.Inputs)
            _spends[input.PrevOut] = transaction.GetHash();
    }

    /// <summary>All transactions, oldest first, so parents come before their children.</summary>
    public IReadOnlyList<Transaction> InArrivalOrder() =>
        _entries.Values.OrderBy(entry => entry.Sequence).Select(entry => entry.Transaction).ToList();

    public IEnumerable<uint256> Txids => _entries.Keys;

    /// <summary>Removes a transaction and, recursively, every mempool transaction spending its outputs.</summary>
    public void RemoveWithDescendants(uint256 txid)
    {
        if (!_entries.Remove(txid, out var entry))
            return;
        foreach (var input in entry.Transaction.Inputs)
            _spends.Remove(input.PrevOut);
        for (var vout = 0u; vout < entry.Transaction.Outputs.Count; vout++)
        {
            if (_spends.TryGetValue(new OutPoint(txid, vout), out var child))
                RemoveWithDescendants(child);
        }
    }

    /// <summary>Removes what a newly mined block makes obsolete: its own transactions and anything double-spending them.</summary>
    public void RemoveConfirmed(Block block)
    {
        foreach (var transaction in block.Transactions)
        {
            // Keep descendants of the mined transaction itself: they are still valid.
            if (_entries.Remove(transaction.GetHash(), out var entry))
            {
                foreach (var input in entry.Transaction.Inputs)
                    _spends.Remove(input.PrevOut);
            }

            if (transaction.IsCoinBase)
                continue;
            foreach (var input in transaction.Inputs)
            {
                if (_spends.TryGetValue(input.PrevOut, out var conflict) && conflict != transaction.GetHash())
                    RemoveWithDescendants(conflict);
            }
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _spends.Clear();
    }
}
