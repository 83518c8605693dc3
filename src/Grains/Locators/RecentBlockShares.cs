using NBitcoin;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;

namespace Teos.Grains.Locators;

/// <summary>
/// This silo's read of the newest stored blocks, split by bucket, for the buckets that activate here: each rebuilds
/// its locator cache from its share instead of reading and splitting every block itself (1,024 buckets warm up
/// together after a start). A share read a moment before a block is safe for a bucket activating for the first time:
/// a bucket with locators in that block is handed the block by the feed. It is not for a bucket activating again
/// after it was handed the block (its silo stopped, it moved), so a read made before this silo heard of the current
/// tip is not reused.
/// </summary>
public sealed class RecentBlockShares(IRecentBlocks blocks, ChainTipCache chain, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private (Task<IReadOnlyList<BucketBlock>[]> Shares, DateTimeOffset At, uint256? Tip)? _last;

    /// <summary>The bucket's share of each of the newest <paramref name="count"/> stored blocks, oldest first.</summary>
    public async Task<IReadOnlyList<BucketBlock>> GetAsync(int bucket, int count)
    {
        Task<IReadOnlyList<BucketBlock>[]> shares;
        lock (_gate)
        {
            var tip = chain.Current.Hash;
            if (_last is not { } last || time.GetUtcNow() - last.At > MaxAge || last.Tip != tip || last.Shares.IsFaulted)
                _last = last = (LoadAsync(count), time.GetUtcNow(), tip);
            shares = last.Shares;
        }

        return (await shares)[bucket];
    }

    private async Task<IReadOnlyList<BucketBlock>[]> LoadAsync(int count)
    {
        var newest = await blocks.GetNewestAsync(count, CancellationToken.None);
        var shares = new List<BucketBlock>[LocatorBucket.Count];
        for (var i = 0; i < shares.Length; i++)
            shares[i] = [];
        foreach (var block in newest.Reverse())
        {
            foreach (var (bucket, transactions) in Split(block.Transactions()))
                shares[bucket].Add(new BucketBlock(block.Hash, block.Height, transactions));
        }

        return shares;
    }

    /// <summary>A block's transactions by bucket: each goes to the buckets of its rust and its python locator.</summary>
    public static Dictionary<int, List<TransactionLocators>> Split(IEnumerable<TransactionLocators> transactions)
    {
        var byBucket = new Dictionary<int, List<TransactionLocators>>();
        foreach (var tx in transactions)
        {
            var rust = LocatorBucket.Of(tx.Rust);
            Share(byBucket, rust).Add(tx);
            var python = LocatorBucket.Of(tx.Python);
            if (python != rust)
                Share(byBucket, python).Add(tx);
        }

        return byBucket;
    }

    private static List<TransactionLocators> Share(Dictionary<int, List<TransactionLocators>> byBucket, int bucket)
    {
        if (!byBucket.TryGetValue(bucket, out var share))
            byBucket[bucket] = share = [];
        return share;
    }
}
