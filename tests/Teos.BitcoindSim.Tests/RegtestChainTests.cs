using NBitcoin;
using Teos.BitcoindSim.Chain;
using Xunit;

namespace Teos.BitcoindSim.Tests;

public sealed class RegtestChainTests
{
    private readonly RegtestChain _chain = new();

    [Fact]
    public void Starts_at_bitcoin_cores_regtest_genesis()
    {
        Assert.Equal(0, _chain.Height);
        Assert.Equal("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", _chain.Tip.Hash.ToString());
    }

    [Fact]
    public void Mined_blocks_chain_up_meet_regtest_work_and_have_distinct_coinbases()
    {
        _chain.Mine(20);

        var coinbases = new HashSet<uint256>();
        for (var height = 1; height <= 20; height++)
        {
            var block = _chain.BlockAt(height)!;
            Assert.Equal(_chain.BlockAt(height - 1)!.Hash, block.Block.Header.HashPrevBlock);
            Assert.True(block.Block.CheckMerkleRoot());
            Assert.True(block.Hash.ToBytes()[31] < 0x7f);
            Assert.True(block.Block.Transactions[0].IsCoinBase);
            Assert.True(coinbases.Add(block.Block.Transactions[0].GetHash()));
            Assert.Equal(block.Hash, Block.Parse(block.RawHex, Network.RegTest).GetHash());
        }
    }

    [Fact]
    public void A_new_transaction_enters_the_mempool_and_is_accepted_again_with_its_txid()
    {
        var tx = SimTransactions.Funded();

        Assert.Equal(tx.GetHash(), _chain.SendRawTransaction(tx.ToHex()));
        Assert.Equal(tx.GetHash(), _chain.SendRawTransaction(tx.ToHex()));
        Assert.Null(_chain.FindTransaction(tx.GetHash())!.Block);
    }

    [Fact]
    public void Spending_an_outpoint_already_spent_by_a_mined_transaction_is_rejected_with_minus_25()
    {
        var parent = SimTransactions.Funded();
        var first = SimTransactions.Spending(new OutPoint(parent.GetHash(), 0));
        _chain.Mine(1, [parent, first]);

        var doubleSpend = SimTransactions.Spending(new OutPoint(parent.GetHash(), 0));
        var error = Assert.Throws<SimRpcException>(() => _chain.SendRawTransaction(doubleSpend.ToHex()));

        Assert.Equal(-25, error.Code);
        Assert.Equal("bad-txns-inputs-missingorspent", error.Message);
    }

    [Fact]
    public void Spending_an_output_a_chain_transaction_does_not_have_is_rejected_with_minus_25()
    {
        var parent = SimTransactions.Funded(outputs: 1);
        _chain.Mine(1, [parent]);

        var error = Assert.Throws<SimRpcException>(() => _chain.SendRawTransaction(SimTransactions.Spending(new OutPoint(parent.GetHash(), 5)).ToHex()));

        Assert.Equal(-25, error.Code);
    }

    [Fact]
    public void Conflicting_with_a_mempool_transaction_is_rejected_with_minus_26()
    {
        var outPoint = new OutPoint(SimTransactions.Funded().GetHash(), 0);
        _chain.SendRawTransaction(SimTransactions.Spending(outPoint).ToHex());

        var error = Assert.Throws<SimRpcException>(() => _chain.SendRawTransaction(SimTransactions.Spending(outPoint).ToHex()));

        Assert.Equal(-26, error.Code);
        Assert.Equal("txn-mempool-conflict", error.Message);
    }

    [Fact]
    public void A_transaction_already_in_the_chain_is_rejected_with_minus_27()
    {
        var tx = SimTransactions.Funded();
        _chain.Mine(1, [tx]);

        var error = Assert.Throws<SimRpcException>(() => _chain.SendRawTransaction(tx.ToHex()));

        Assert.Equal(-27, error.Code);
        Assert.Equal("Transaction outputs already in utxo set", error.Message);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("0200000000")]
    [InlineData("")]
    public void Undecodable_hex_is_rejected_with_minus_22(string hex)
    {
        var error = Assert.Throws<SimRpcException>(() => _chain.SendRawTransaction(hex));

        Assert.Equal(-22, error.Code);
        Assert.StartsWith("TX decode failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mining_takes_the_mempool_and_confirmations_count_from_the_block()
    {
        var tx = SimTransactions.Funded();
        _chain.SendRawTransaction(tx);
        var mined = _chain.Mine(3);

        var location = _chain.FindTransaction(tx.GetHash())!;
        Assert.Equal(mined[0], location.Block!.Hash);
        Assert.Equal(3, _chain.Confirmations(location.Block));
        Assert.Equal(0, _chain.MempoolCount);
    }

    [Fact]
    public void A_reorg_returns_disconnected_transactions_to_the_mempool_and_leaves_stale_blocks_known()
    {
        _chain.Mine(5);
        var tx = SimTransactions.Funded();
        var stale = _chain.Mine(1, [tx])[0];

        var replacement = _chain.Reorg(depth: 1, newBlocks: 2, includeMempool: false);

        Assert.Equal(7, _chain.Height);
        Assert.Equal(replacement[^1], _chain.Tip.Hash);
        Assert.Null(_chain.FindTransaction(tx.GetHash())!.Block);
        Assert.Equal(-1, _chain.Confirmations(_chain.FindBlock(stale)!));
    }

    [Fact]
    public void A_reorg_can_drop_the_disconnected_transactions()
    {
        var tx = SimTransactions.Funded();
        _chain.Mine(1, [tx]);

        _chain.Reorg(depth: 1, newBlocks: 1, returnToMempool: false);

        Assert.Null(_chain.FindTransaction(tx.GetHash()));
    }

    [Fact]
    public void After_a_reorg_the_outpoints_of_the_stale_branch_are_spendable_again()
    {
        var parent = SimTransactions.Funded();
        _chain.Mine(1, [parent, SimTransactions.Spending(new OutPoint(parent.GetHash(), 0))]);
        _chain.Reorg(depth: 1, newBlocks: 1, [parent], returnToMempool: false);

        var other = SimTransactions.Spending(new OutPoint(parent.GetHash(), 0));

        Assert.Equal(other.GetHash(), _chain.SendRawTransaction(other));
    }

    [Fact]
    public void Mining_a_given_transaction_evicts_its_mempool_conflicts()
    {
        var outPoint = new OutPoint(SimTransactions.Funded().GetHash(), 0);
        var pending = SimTransactions.Spending(outPoint);
        _chain.SendRawTransaction(pending);

        _chain.Mine(1, [SimTransactions.Spending(outPoint)]);

        Assert.Null(_chain.FindTransaction(pending.GetHash()));
    }

    [Fact]
    public void Pruning_drops_block_data_below_the_height_but_keeps_headers()
    {
        _chain.Mine(10);

        _chain.Prune(5);

        Assert.True(_chain.BlockAt(4)!.Pruned);
        Assert.False(_chain.BlockAt(5)!.Pruned);
        Assert.Equal(5, _chain.PruneHeight);
    }

    [Fact]
    public void The_fast_path_mines_a_block_of_4000_transactions_that_parses_back()
    {
        // How fast is measured by bench/Teos.Bench (SimulatorBenchmarks), not by a timed test.
        var hash = _chain.MineSynthetic(4000);

        var mined = _chain.FindBlock(hash)!;
        Assert.Equal(4001, mined.Block.Transactions.Count);
        Assert.Equal(hash, Block.Parse(mined.RawHex, Network.RegTest).GetHash());
    }
}
