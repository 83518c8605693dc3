using NBitcoin;
using Teos.Grains.Locators;

namespace Teos.Grains.Storage;

/// <summary>
/// The txids of the newest processed blocks, written by the block feed before it matches each block: buckets
/// rebuild their 6-block locator cache from them and the feed its 100-block txid index (spec 4.7 step 7).
/// </summary>
public interface IRecentBlocks
{
    /// <summary>Stores a processed block's txids (idempotent by hash) and forgets blocks beyond the newest <paramref name="keep"/>.</summary>
    Task AddAsync(uint256 blockHash, uint height, IReadOnlyList<uint256> txids, int keep, CancellationToken cancellationToken);

    /// <summary>Forgets a block that left the best chain.</summary>
    Task RemoveAsync(uint256 blockHash, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="count"/> stored blocks, newest first.</summary>
    Task<IReadOnlyList<RecentBlock>> GetNewestAsync(int count, CancellationToken cancellationToken);
}

public sealed record RecentBlock(uint256 Hash, uint Height, IReadOnlyList<uint256> Txids)
{
    /// <summary>Both profiles' locators of each of the block's transactions.</summary>
    public IEnumerable<TransactionLocators> Transactions() => Txids.Select(TransactionLocators.Of);
}
