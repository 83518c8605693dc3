using NBitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>Builds regtest blocks with NBitcoin: bitcoind's regtest genesis, coinbases, and headers meeting regtest's proof of work.</summary>
internal sealed class BlockFactory
{
    /// <summary>The version bitcoind's miner uses (BIP9 version bits, none signalled).</summary>
    private const int BlockVersion = 0x2000_0000;

    /// <summary>Seconds between simulated blocks: mainnet's target spacing, so times look like a real chain.</summary>
    private static readonly TimeSpan BlockSpacing = TimeSpan.FromSeconds(600);

    /// <summary>Regtest's proof-of-work limit (0x207fffff): about half of all hashes meet it.</summary>
    private static readonly Target RegtestBits = new(0x207f_ffffu);

    /// <summary>An anyone-can-spend (OP_TRUE) output script for coinbases.</summary>
    private static readonly Script OpTrue = new(OpcodeType.OP_TRUE);

    private long _extraNonce;

    public static ConsensusFactory Factory => Network.RegTest.Consensus.ConsensusFactory;

    /// <summary>Bitcoin Core's regtest genesis block (hash 0f9188f1…2206).</summary>
    public static Block Genesis() => Sealed(Network.RegTest.GetGenesis());

    /// <summary>A block on top of <paramref name="parent"/> with a fresh coinbase followed by <paramref name="transactions"/>.</summary>
    public Block Mine(SimBlock parent, IReadOnlyList<Transaction> transactions)
    {
        var block = Factory.CreateBlock();
        block.Header.Version = BlockVersion;
        block.Header.HashPrevBlock = parent.Hash;
        block.Header.BlockTime = parent.Block.Header.BlockTime + BlockSpacing;
        block.Header.Bits = RegtestBits;
        block.Transactions.Add(Coinbase(parent.Height + 1));
        block.Transactions.AddRange(transactions);
        block.UpdateMerkleRoot();
        while (!block.Header.CheckProofOfWork())
            block.Header.Nonce++;
        return Sealed(block);
    }

    /// <summary>Transactions built here or by tests are not changed afterwards, so their txids are hashed once.</summary>
    public static Transaction Sealed(Transaction transaction)
    {
        transaction.PrecomputeHash(invalidateExisting: true, lazily: true);
        return transaction;
    }

    /// <summary>
    /// bitcoind's coinbase (BIP34 height push, as NBitcoin's <see cref="TxIn.CreateCoinbase(int)"/>) with a counter
    /// pushed after the height, so every coinbase, and so every block, differs, even for two branches at one height.
    /// </summary>
    private Transaction Coinbase(int height)
    {
        var coinbase = Factory.CreateTransaction();
        coinbase.Version = 2;
        coinbase.Inputs.Add(new TxIn(new OutPoint(), new Script(Op.GetPushOp(height), Op.GetPushOp(Interlocked.Increment(ref _extraNonce)))));
        coinbase.Outputs.Add(new TxOut(Money.Satoshis(50_0000_0000L >> Math.Min(height / 150, 63)), OpTrue));
        return Sealed(coinbase);
    }

    /// <summary>The block is complete: its header hash and txids are hashed once from now on.</summary>
    private static Block Sealed(Block block)
    {
        block.Header.PrecomputeHash(invalidateExisting: true, lazily: true);
        foreach (var transaction in block.Transactions)
            transaction.PrecomputeHash(invalidateExisting: false, lazily: true);
        return block;
    }
}
