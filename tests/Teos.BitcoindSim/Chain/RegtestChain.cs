using NBitcoin;
using Teos.Protocol.Bitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>
/// The simulated node's state: every block seen (active and stale), the active chain, the mempool, and which
/// chain outputs are spent. Thread-safe: every member takes one lock, so RPC calls and test controls
/// interleave like calls to a real node.
/// </summary>
/// <remarks>
/// Inputs spending outpoints the simulation never created are treated as funded from outside (the simulator has
/// no UTXOs of its own worth spending), so any well-formed transaction can be broadcast and mined. Outpoints the
/// simulation did create are tracked: spending one twice is refused like bitcoind does.
/// </remarks>
public sealed class RegtestChain
{
    private readonly Lock _gate = new();
    private readonly Dictionary<uint256, SimBlock> _blocks = [];
    private readonly List<SimBlock> _active = [];
    private readonly ChainIndex _index = new();
    private readonly Mempool _mempool = new();
    private readonly BlockFactory _factory = new();

    public RegtestChain(string chainName = "regtest")
    {
        ChainName = chainName;
        Append(new SimBlock(BlockFactory.Genesis(), 0));
    }

    /// <summary>What getblockchaininfo reports as "chain"; tests of the network check change it.</summary>
    public string ChainName { get; set; }

    public int Height
    {
        get { lock (_gate) return _active.Count - 1; }
    }

    public SimBlock Tip
    {
        get { lock (_gate) return _active[^1]; }
    }

    /// <summary>Lowest height whose block data is kept, once <see cref="Prune"/> was called.</summary>
    public int? PruneHeight { get; private set; }

    public int MempoolCount
    {
        get { lock (_gate) return _mempool.Count; }
    }

    public SimBlock? FindBlock(uint256 hash)
    {
        lock (_gate)
            return _blocks.GetValueOrDefault(hash);
    }

    public SimBlock? BlockAt(int height)
    {
        lock (_gate)
            return height >= 0 && height < _active.Count ? _active[height] : null;
    }

    /// <summary>bitcoind's "confirmations" of a block: depth on the active chain, -1 for a stale block.</summary>
    public int Confirmations(SimBlock block)
    {
        lock (_gate)
            return IsActive(block) ? _active.Count - block.Height : -1;
    }

    public SimBlock? NextOf(SimBlock block)
    {
        lock (_gate)
            return IsActive(block) && block.Height + 1 < _active.Count ? _active[block.Height + 1] : null;
    }

    /// <summary>A transaction in the mempool or on the active chain (the simulator answers like a node with txindex).</summary>
    public TransactionLocation? FindTransaction(uint256 txid)
    {
        lock (_gate)
        {
            if (_mempool.TryGet(txid, out var pending))
                return new TransactionLocation(pending, null);
            return _index.TryGet(txid, out var confirmed, out var block) ? new TransactionLocation(confirmed, block) : null;
        }
    }

    public IReadOnlyList<uint256> MempoolTxids()
    {
        lock (_gate)
            return [.. _mempool.Txids];
    }

    /// <summary>sendrawtransaction: the txid, or bitcoind's error (-22, -25, -26, -27).</summary>
    public uint256 SendRawTransaction(string hex)
    {
        if (!BitcoinWire.TryParseTransactionHex(hex, out var transaction, out _))
            throw new SimRpcException(-22, "TX decode failed. Make sure the tx has at least one input.");
        return SendRawTransaction(transaction);
    }

    public uint256 SendRawTransaction(Transaction transaction)
    {
        lock (_gate)
        {
            // bitcoind answers success for a transaction it already holds.
            if (_mempool.Contains(transaction.GetHash()))
                return transaction.GetHash();
            CheckAcceptable(transaction);
            _mempool.Add(transaction);
            return transaction.GetHash();
        }
    }

    /// <summary>Mines <paramref name="count"/> blocks; the first holds <paramref name="transactions"/> and then the mempool.</summary>
    /// <exception cref="SimRpcException">A given transaction conflicts with the chain.</exception>
    public IReadOnlyList<uint256> Mine(int count, IReadOnlyList<Transaction>? transactions = null, bool includeMempool = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var hashes = new List<uint256>(count);
            for (var i = 0; i < count; i++)
                hashes.Add(MineOne(i == 0 ? transactions ?? [] : [], includeMempool));
            return hashes;
        }
    }

    /// <summary>The fast path for benchmarks: one block with <paramref name="transactionCount"/> synthetic transactions.</summary>
    public uint256 MineSynthetic(int transactionCount, IReadOnlyList<Transaction>? extra = null)
    {
        var transactions = new List<Transaction>(SyntheticTransactions.Create(transactionCount));
        if (extra is not null)
            transactions.AddRange(extra);
        lock (_gate)
            return MineOne(transactions, includeMempool: false);
    }

    /// <summary>
    /// Invalidates the last <paramref name="depth"/> blocks and mines <paramref name="newBlocks"/> in their place
    /// (the first holding <paramref name="transactions"/>). Like bitcoind, the disconnected blocks' transactions
    /// return to the mempool unless <paramref name="returnToMempool"/> is false, and mining includes the mempool
    /// unless <paramref name="includeMempool"/> is false.
    /// </summary>
    public IReadOnlyList<uint256> Reorg(int depth, int newBlocks, IReadOnlyList<Transaction>? transactions = null, bool returnToMempool = true, bool includeMempool = true)
    {
        lock (_gate)
        {
            if (depth < 1 || depth >= _active.Count)
                throw new ArgumentOutOfRangeException(nameof(depth), depth, $"Can disconnect 1 to {_active.Count - 1} blocks");
            DisconnectFrom(_active.Count - depth, returnToMempool);
            return Mine(newBlocks, transactions, includeMempool);
        }
    }

    /// <summary>bitcoind's invalidateblock: the block and its descendants leave the active chain.</summary>
    public void InvalidateBlock(uint256 hash, bool returnToMempool = true)
    {
        lock (_gate)
        {
            var block = _blocks.GetValueOrDefault(hash) ?? throw SimRpcException.BlockNotFound();
            if (block.Height == 0)
                throw new SimRpcException(-8, "Cannot invalidate the genesis block");
            if (IsActive(block))
                DisconnectFrom(block.Height, returnToMempool);
        }
    }

    /// <summary>Forgets the raw data of every block below <paramref name="belowHeight"/>; getblock then answers -1.</summary>
    public void Prune(int belowHeight)
    {
        lock (_gate)
        {
            foreach (var block in _blocks.Values.Where(block => block.Height < belowHeight))
                block.Prune();
            PruneHeight = Math.Max(PruneHeight ?? 0, belowHeight);
        }
    }

    private bool IsActive(SimBlock block) => block.Height < _active.Count && _active[block.Height] == block;

    private uint256 MineOne(IReadOnlyList<Transaction> given, bool includeMempool)
    {
        var contents = new List<Transaction>(given.Count + (includeMempool ? _mempool.Count : 0));
        var spentHere = new HashSet<OutPoint>();
        var txidsHere = new HashSet<uint256>();
        foreach (var transaction in given)
        {
            CheckMineable(transaction, spentHere, txidsHere);
            contents.Add(transaction);
        }

        if (includeMempool)
        {
            foreach (var transaction in _mempool.InArrivalOrder())
            {
                // A mempool transaction conflicting with a given one loses, as if the miner preferred the given one.
                if (txidsHere.Contains(transaction.GetHash()) || transaction.Inputs.Any(input => spentHere.Contains(input.PrevOut)))
                    continue;
                Claim(transaction, spentHere, txidsHere);
                contents.Add(transaction);
            }
        }

        var block = new SimBlock(_factory.Mine(_active[^1], contents), _active.Count);
        Append(block);
        _mempool.RemoveConfirmed(block.Block);
        return block.Hash;
    }

    private void Append(SimBlock block)
    {
        _blocks[block.Hash] = block;
        _active.Add(block);
        _index.Connect(block);
    }

    private void DisconnectFrom(int height, bool returnToMempool)
    {
        var removed = _active.GetRange(height, _active.Count - height);
        for (var i = removed.Count - 1; i >= 0; i--)
            _index.Disconnect(removed[i]);
        _active.RemoveRange(height, removed.Count);
        if (!returnToMempool)
            return;

        // Re-accept oldest first so parents precede children; whatever no longer fits is dropped, as bitcoind does.
        foreach (var transaction in removed.SelectMany(block => block.Block.Transactions).Where(tx => !tx.IsCoinBase))
        {
            try
            {
                if (!_mempool.Contains(transaction.GetHash()))
                {
                    CheckAcceptable(transaction);
                    _mempool.Add(transaction);
                }
            }
            catch (SimRpcException)
            {
            }
        }
    }

    /// <summary>bitcoind's order of checks for sendrawtransaction: already confirmed, duplicate inputs, mempool conflict, missing inputs.</summary>
    private void CheckAcceptable(Transaction transaction)
    {
        if (transaction.IsCoinBase)
            throw new SimRpcException(-26, "coinbase");
        if (_index.HasUnspentOutputOf(transaction))
            throw new SimRpcException(-27, "Transaction outputs already in utxo set");
        if (transaction.Inputs.Select(input => input.PrevOut).Distinct().Count() != transaction.Inputs.Count)
            throw new SimRpcException(-26, "bad-txns-inputs-duplicate");
        if (transaction.Inputs.Any(input => _mempool.SpenderOf(input.PrevOut) is not null))
            throw new SimRpcException(-26, "txn-mempool-conflict");
        if (transaction.Inputs.Any(input => !IsSpendable(input.PrevOut)))
            throw new SimRpcException(-25, "bad-txns-inputs-missingorspent");
    }

    private void CheckMineable(Transaction transaction, HashSet<OutPoint> spentHere, HashSet<uint256> txidsHere)
    {
        if (transaction.IsCoinBase)
            throw new SimRpcException(-25, "bad-cb-multiple");
        if (_index.TryGet(transaction.GetHash(), out _, out _) || txidsHere.Contains(transaction.GetHash()))
            throw new SimRpcException(-27, $"Transaction {transaction.GetHash()} already in block chain");
        if (transaction.Inputs.Any(input => !IsSpendable(input.PrevOut) || spentHere.Contains(input.PrevOut)))
            throw new SimRpcException(-25, $"bad-txns-inputs-missingorspent ({transaction.GetHash()})");
        Claim(transaction, spentHere, txidsHere);
    }

    private static void Claim(Transaction transaction, HashSet<OutPoint> spentHere, HashSet<uint256> txidsHere)
    {
        txidsHere.Add(transaction.GetHash());
        foreach (var input in transaction.Inputs)
            spentHere.Add(input.PrevOut);
    }

    private bool IsSpendable(OutPoint outPoint) =>
        !_index.IsSpent(outPoint) && _index.OutputCouldExist(outPoint) && _mempool.OutputCouldExist(outPoint);
}
