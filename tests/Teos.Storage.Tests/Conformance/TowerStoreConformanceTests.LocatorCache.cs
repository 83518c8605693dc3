using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

public abstract partial class TowerStoreConformanceTests
{
    [Fact]
    public async Task A_cached_block_answers_each_profile_with_its_own_locator_only()
    {
        var block = TestTransactions.Block(20);
        var hash = TestTransactions.RandomTxid();
        await Write(transaction => transaction.AddRecentBlockAsync(hash, 300, block));
        var tx = block[7];

        Assert.Equal(new RecentBreach(tx.Txid, hash, 300), await FindRecent(tx.Rust, ClientProfile.Rust));
        Assert.Equal(new RecentBreach(tx.Txid, hash, 300), await FindRecent(tx.Python, ClientProfile.Python));
        Assert.Null(await FindRecent(tx.Python, ClientProfile.Rust));
        Assert.Null(await FindRecent(tx.Rust, ClientProfile.Python));
        Assert.Null(await FindRecent(TestAppointments.RandomLocator(), ClientProfile.Rust));
    }

    [Fact]
    public async Task A_removed_block_no_longer_answers()
    {
        var kept = TestTransactions.Block(3);
        var removed = TestTransactions.Block(3);
        var removedHash = TestTransactions.RandomTxid();
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 300, kept));
        await Write(transaction => transaction.AddRecentBlockAsync(removedHash, 301, removed));
        Assert.NotNull(await FindRecent(removed[0].Rust, ClientProfile.Rust));

        await Write(transaction => transaction.RemoveRecentBlockAsync(removedHash));

        Assert.Null(await FindRecent(removed[0].Rust, ClientProfile.Rust));
        Assert.NotNull(await FindRecent(kept[0].Rust, ClientProfile.Rust));
    }

    [Fact]
    public async Task A_block_replaced_at_its_height_stops_answering()
    {
        var first = TestTransactions.Block(3);
        var second = TestTransactions.Block(3);
        var secondHash = TestTransactions.RandomTxid();
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 300, first));
        Assert.NotNull(await FindRecent(first[0].Python, ClientProfile.Python));

        await Write(transaction => transaction.AddRecentBlockAsync(secondHash, 300, second));

        Assert.Null(await FindRecent(first[0].Python, ClientProfile.Python));
        Assert.Equal(new RecentBreach(second[0].Txid, secondHash, 300), await FindRecent(second[0].Python, ClientProfile.Python));
    }

    [Fact]
    public async Task Blocks_below_the_height_are_evicted()
    {
        var old = TestTransactions.Block(2);
        var recent = TestTransactions.Block(2);
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 294, old));
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 295, recent));

        await Write(transaction => transaction.RemoveRecentBlocksBelowAsync(295));

        Assert.Null(await FindRecent(old[1].Python, ClientProfile.Python));
        Assert.NotNull(await FindRecent(recent[1].Python, ClientProfile.Python));
    }

    [Fact]
    public async Task A_transaction_in_two_cached_blocks_is_answered_from_the_newest()
    {
        var block = TestTransactions.Block(1);
        var newer = TestTransactions.RandomTxid();
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 300, block));
        await Write(transaction => transaction.AddRecentBlockAsync(newer, 301, block));

        Assert.Equal(newer, (await FindRecent(block[0].Rust, ClientProfile.Rust))!.BlockHash);
    }

    [Fact]
    public async Task Adding_the_same_block_twice_is_harmless()
    {
        var block = TestTransactions.Block(5);
        var hash = TestTransactions.RandomTxid();
        await Write(transaction => transaction.AddRecentBlockAsync(hash, 300, block));
        await Write(transaction => transaction.AddRecentBlockAsync(hash, 300, block));
        await Write(transaction => transaction.AddRecentBlockAsync(TestTransactions.RandomTxid(), 301, []));

        Assert.Equal(new RecentBreach(block[4].Txid, hash, 300), await FindRecent(block[4].Rust, ClientProfile.Rust));
    }

    private Task<RecentBreach?> FindRecent(Locator locator, ClientProfile profile) =>
        Write(transaction => transaction.FindRecentBreachAsync(locator, profile));
}
