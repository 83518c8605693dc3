using Teos.Grains.Storage;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Conformance;

/// <summary>The <see cref="IRecentBlocks"/> port.</summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Recent_blocks_come_back_newest_first_with_their_txids_in_order()
    {
        var (older, newer) = (TestHashes.Random(), TestHashes.Random());
        var (olderTxids, newerTxids) = (TestHashes.Many(3), TestHashes.Many(4000));
        await Storage.RecentBlocks.AddAsync(older, 100, olderTxids, keep: 100, None);
        await Storage.RecentBlocks.AddAsync(newer, 101, newerTxids, keep: 100, None);

        var blocks = await Storage.RecentBlocks.GetNewestAsync(10, None);

        Assert.Equal([newer, older], blocks.Select(block => block.Hash));
        Assert.Equal([101u, 100u], blocks.Select(block => block.Height));
        Assert.Equal(newerTxids, blocks[0].Txids);
        Assert.Equal(olderTxids, blocks[1].Txids);
    }

    [Fact]
    public async Task Only_the_newest_blocks_are_kept()
    {
        for (uint height = 1; height <= 8; height++)
            await Storage.RecentBlocks.AddAsync(TestHashes.Random(), height, TestHashes.Many(1), keep: 6, None);

        var blocks = await Storage.RecentBlocks.GetNewestAsync(100, None);

        Assert.Equal([8u, 7u, 6u, 5u, 4u, 3u], blocks.Select(block => block.Height));
        Assert.Equal([8u, 7u], (await Storage.RecentBlocks.GetNewestAsync(2, None)).Select(block => block.Height));
    }

    [Fact]
    public async Task A_block_at_a_stored_height_replaces_the_block_there()
    {
        var replacement = TestHashes.Random();
        await Storage.RecentBlocks.AddAsync(TestHashes.Random(), 100, TestHashes.Many(2), keep: 100, None);

        await Storage.RecentBlocks.AddAsync(replacement, 100, TestHashes.Many(2), keep: 100, None);
        await Storage.RecentBlocks.AddAsync(replacement, 100, TestHashes.Many(2), keep: 100, None);

        Assert.Equal(replacement, Assert.Single(await Storage.RecentBlocks.GetNewestAsync(10, None)).Hash);
    }

    [Fact]
    public async Task A_removed_block_is_forgotten()
    {
        var (kept, removed) = (TestHashes.Random(), TestHashes.Random());
        await Storage.RecentBlocks.AddAsync(kept, 100, TestHashes.Many(1), keep: 100, None);
        await Storage.RecentBlocks.AddAsync(removed, 101, TestHashes.Many(1), keep: 100, None);

        await Storage.RecentBlocks.RemoveAsync(removed, None);

        Assert.Equal(kept, Assert.Single(await Storage.RecentBlocks.GetNewestAsync(10, None)).Hash);
    }
}
