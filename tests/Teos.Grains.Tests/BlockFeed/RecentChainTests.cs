using Teos.Grains.BlockFeed;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

public sealed class RecentChainTests
{
    [Fact]
    public void It_keeps_the_tip_and_at_most_max_depth_ancestors()
    {
        var main = Links.BestChain(20);
        var chain = new RecentChain(main[0], maxReorgDepth: 5);

        foreach (var link in main.Skip(1))
            chain.Connect(link);

        Assert.Equal(6, chain.Count);
        Assert.Equal(main[20], chain.Tip);
        Assert.Equal(main[15], chain.Bottom);
        Assert.Null(chain.At(14));
        Assert.Equal(main[17], chain.At(17));
    }

    [Fact]
    public void A_block_that_does_not_extend_the_tip_is_refused()
    {
        var main = Links.BestChain(3);
        var chain = new RecentChain(main[1], 10);

        Assert.Throws<InvalidOperationException>(() => chain.Connect(main[3]));
    }

    [Fact]
    public void Parents_are_added_below_the_oldest_link_up_to_the_depth_limit()
    {
        var main = Links.BestChain(10);
        var chain = new RecentChain(main[10], maxReorgDepth: 2);

        chain.PrependParent(main[9]);
        chain.PrependParent(main[8]);

        Assert.Equal(main[8], chain.Bottom);
        Assert.Throws<InvalidOperationException>(() => chain.PrependParent(main[7]));
        Assert.Throws<InvalidOperationException>(() => new RecentChain(main[10], 5).PrependParent(main[8]));
    }

    [Fact]
    public void The_only_known_block_cannot_be_disconnected()
    {
        var chain = new RecentChain(Links.BestChain(1)[1], 10);

        Assert.Throws<InvalidOperationException>(chain.DisconnectTip);
    }
}
