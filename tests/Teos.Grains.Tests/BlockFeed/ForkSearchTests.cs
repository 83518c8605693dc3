using NBitcoin;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Xunit;

namespace Teos.Grains.Tests.BlockFeed;

public sealed class ForkSearchTests
{
    [Fact]
    public void A_tip_extending_ours_connects_the_new_blocks_without_disconnecting()
    {
        var main = Links.BestChain(15);
        var known = Known(main, upTo: 10);

        var result = Run(known, main[15], main);

        Assert.Equal(main[10], result.ForkPoint);
        Assert.Empty(result.Disconnect);
        Assert.Equal(main[11..16], result.Connect);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(5, 6)]
    [InlineData(10, 2)]
    public void A_competing_branch_disconnects_newest_first_and_connects_oldest_first(int depth, int newBlocks)
    {
        var main = Links.BestChain(20);
        var known = Known(main, upTo: 20);
        var fork = main[20 - depth];
        var side = Links.Branch("side", fork.Height + 1, fork.Height + newBlocks, fork.Hash);

        var result = Run(known, side[^1], [.. main, .. side]);

        Assert.Equal(fork, result.ForkPoint);
        Assert.Equal(main.GetRange(fork.Height + 1, depth).AsEnumerable().Reverse(), result.Disconnect);
        Assert.Equal(side, result.Connect);
    }

    [Fact]
    public void A_restart_on_a_stale_block_walks_our_own_parents_to_find_the_fork()
    {
        var main = Links.BestChain(10);
        var side = Links.Branch("side", 8, 12, main[7].Hash);
        var known = new RecentChain(main[10], 100);

        var result = Run(known, side[^1], [.. main, .. side]);

        Assert.Equal(main[7], result.ForkPoint);
        Assert.Equal([main[10], main[9], main[8]], result.Disconnect);
        Assert.Equal(side, result.Connect);
    }

    [Fact]
    public void A_fork_exactly_at_the_depth_limit_is_followed()
    {
        var main = Links.BestChain(20);
        var known = Known(main, upTo: 20, maxDepth: 5);
        var side = Links.Branch("side", 16, 21, main[15].Hash);

        var result = Run(known, side[^1], [.. main, .. side]);

        Assert.Equal(5, result.Disconnect.Count);
    }

    [Fact]
    public void A_fork_below_the_depth_limit_is_refused()
    {
        var main = Links.BestChain(20);
        var known = Known(main, upTo: 20, maxDepth: 5);
        var side = Links.Branch("side", 15, 21, main[14].Hash);

        Assert.Throws<ReorgTooDeepException>(() => Run(known, side[^1], [.. main, .. side]));
    }

    [Fact]
    public void A_chain_with_another_genesis_is_refused()
    {
        var main = Links.BestChain(3);
        var other = Links.Branch("other", 0, 3, null);

        Assert.ThrowsAny<BlockFeedHaltedException>(() => Run(Known(main, 3), other[^1], [.. main, .. other]));
    }

    private static RecentChain Known(List<ChainLink> main, int upTo, int maxDepth = 100)
    {
        var chain = new RecentChain(main[0], maxDepth);
        foreach (var link in main.Skip(1).Take(upTo))
            chain.Connect(link);
        return chain;
    }

    /// <summary>Plays bitcoind: answers each header the search asks for from <paramref name="headers"/>.</summary>
    private static ChainSwitch Run(RecentChain known, ChainLink newTip, IEnumerable<ChainLink> headers)
    {
        var byHash = headers.ToDictionary(link => link.Hash);
        var search = new ForkSearch(known, newTip);
        while (search.WantedHeader is { } wanted)
            search.Supply(byHash[wanted]);
        return search.Result!;
    }
}
