using NBitcoin;
using Teos.Grains.Trackers;
using Xunit;

namespace Teos.Grains.Tests.Trackers;

public class TransactionIndexTests
{
    private static uint256 RandomTxid() => RandomUtils.GetUInt256();

    [Fact]
    public void Keeps_only_the_most_recent_blocks()
    {
        var index = new TransactionIndex(depth: 2);
        var old = RandomTxid();
        index.Add(RandomTxid(), 1, [old]);
        index.Add(RandomTxid(), 2, [RandomTxid()]);
        var recent = RandomTxid();
        index.Add(RandomTxid(), 3, [recent]);

        Assert.False(index.TryGetHeight(old, out _));
        Assert.True(index.TryGetHeight(recent, out var height));
        Assert.Equal(3u, height);
        Assert.Equal(2, index.BlockCount);
    }

    [Fact]
    public void A_disconnected_block_leaves_the_index()
    {
        var index = new TransactionIndex();
        var block = RandomTxid();
        var txid = RandomTxid();
        index.Add(block, 10, [txid]);

        index.Remove(block);

        Assert.False(index.TryGetHeight(txid, out _));
        Assert.Equal(0, index.BlockCount);
    }
}
