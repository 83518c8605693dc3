using NBitcoin;
using Teos.Grains.Locators;
using Teos.Protocol.Profiles;
using Teos.Storage.LocatorCache;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.LocatorCache;

public sealed class RecentBlockMemoryTests
{
    private readonly Dictionary<uint256, byte[]> _rows = [];
    private readonly List<uint256> _fetched = [];
    private readonly RecentBlockMemory _memory = new();

    [Fact]
    public async Task A_block_is_fetched_once_and_then_answered_from_memory()
    {
        var (hash, block) = Row(300);

        Assert.Equal(new RecentBreach(block[1].Txid, hash.Hash, 300), await Find([hash], block[1].Rust, ClientProfile.Rust));
        Assert.Equal(new RecentBreach(block[2].Txid, hash.Hash, 300), await Find([hash], block[2].Python, ClientProfile.Python));

        Assert.Equal([hash.Hash], _fetched);
    }

    [Fact]
    public async Task Only_the_listed_blocks_answer_even_when_one_is_still_in_memory()
    {
        var (old, oldBlock) = Row(300);
        var (kept, _) = Row(301);
        Assert.NotNull(await Find([kept, old], oldBlock[0].Rust, ClientProfile.Rust));

        Assert.Null(await Find([kept], oldBlock[0].Rust, ClientProfile.Rust));
    }

    [Fact]
    public async Task Blocks_that_left_the_list_are_dropped_from_memory()
    {
        for (uint height = 300; height < 310; height++)
        {
            var (block, transactions) = Row(height);
            Assert.NotNull(await Find([block], transactions[0].Rust, ClientProfile.Rust));
        }

        Assert.InRange(_memory.Count, 1, 2);
    }

    [Fact]
    public async Task A_listed_block_whose_row_is_gone_answers_nothing()
    {
        var missing = new RecentBlock(TestTransactions.RandomTxid(), 300);

        Assert.Null(await Find([missing], TestTransactions.Block(1)[0].Rust, ClientProfile.Rust));
    }

    [Fact]
    public void A_packed_block_of_the_wrong_length_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => CachedBlock.Unpack(new byte[32 + 1]));
    }

    private (RecentBlock Block, IReadOnlyList<TransactionLocators> Transactions) Row(uint height)
    {
        var transactions = TestTransactions.Block(3);
        var block = new RecentBlock(TestTransactions.RandomTxid(), height);
        _rows[block.Hash] = CachedBlock.Pack(transactions);
        return (block, transactions);
    }

    private ValueTask<RecentBreach?> Find(IReadOnlyList<RecentBlock> listed, Protocol.Appointments.Locator locator, ClientProfile profile) =>
        _memory.FindAsync(listed, locator, profile, hash =>
        {
            _fetched.Add(hash);
            return new(_rows.GetValueOrDefault(hash));
        });
}
