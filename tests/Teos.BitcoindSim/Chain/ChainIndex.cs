using NBitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>
/// What the active chain contains: its transactions by txid and which outpoints they spend. Only outpoints
/// created by the simulator's own chain are known; inputs spending anything else count as funded from
/// outside the simulation.
/// </summary>
internal sealed class ChainIndex
{
    private readonly Dictionary<uint256, (Transaction Transaction, SimBlock Block)> _transactions = [];
    private readonly Dictionary<OutPoint, uint256> _spends = [];

    public bool TryGet(uint256 txid, out Transaction transaction, out SimBlock block)
    {
        var found = _transactions.TryGetValue(txid, out var entry);
        (transaction, block) = found ? entry : (null!, null!);
        return found;
    }

    public bool IsSpent(OutPoint outPoint) => _spends.ContainsKey(outPoint);

    /// <summary>False when the outpoint names a chain transaction's output that does not exist.</summary>
    public bool OutputCouldExist(OutPoint outPoint) =>
        !_transactions.TryGetValue(outPoint.Hash, out var entry) || outPoint.N < entry.Transaction.Outputs.Count;

    /// <summary>True when some output of <paramref name="transaction"/> is on the chain and unspent ("already in utxo set").</summary>
    public bool HasUnspentOutputOf(Transaction transaction)
    {
        if (!_transactions.ContainsKey(transaction.GetHash()))
            return false;
        for (var vout = 0u; vout < transaction.Outputs.Count; vout++)
        {
            if (!_spends.ContainsKey(new OutPoint(transaction.GetHash(), vout)))
                return true;
        }

        return false;
    }

    public void Connect(SimBlock block)
    {
        foreach (var transaction in block.Block.Transactions)
        {
            _transactions[transaction.GetHash()] = (transaction, block);
            if (transaction.IsCoinBase)
                continue;
            foreach (var input in transaction.Inputs)
                _spends[input.PrevOut] = transaction.GetHash();
        }
    }

    public void Disconnect(SimBlock block)
    {
        foreach (var transaction in block.Block.Transactions)
        {
            _transactions.Remove(transaction.GetHash());
            if (transaction.IsCoinBase)
                continue;
            foreach (var input in transaction.Inputs)
                _spends.Remove(input.PrevOut);
        }
    }
}
