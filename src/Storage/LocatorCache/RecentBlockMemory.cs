using System.Collections.Concurrent;
using NBitcoin;
using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.LocatorCache;

/// <summary>
/// A silo's copy of the cached blocks' transactions, by block hash. Which blocks are cached is always read from the
/// store, in the caller's transaction, so every silo answers from the same cache; only what a listed block holds
/// comes from memory, fetched from its row the first time this silo needs it. A lookup is then a few hash probes
/// in memory instead of a seek per cached block, and adding a block writes one row instead of one per locator.
/// </summary>
internal sealed class RecentBlockMemory
{
    private readonly ConcurrentDictionary<uint256, (uint Height, CachedBlock Block)> _blocks = new();

    /// <summary>Blocks held: those of the last list read, and any fetched for a newer list than that one.</summary>
    public int Count => _blocks.Count;

    /// <summary>
    /// The newest cached transaction with this locator under the given profile's byte order.
    /// <paramref name="cached"/> is the store's list, newest first; <paramref name="fetch"/> reads a block's packed
    /// txids from its row (null if the row is gone).
    /// </summary>
    public async ValueTask<RecentBreach?> FindAsync(
        IReadOnlyList<RecentBlock> cached,
        Locator locator,
        ClientProfile profile,
        Func<uint256, ValueTask<byte[]?>> fetch)
    {
        Forget(cached);
        foreach (var recent in cached)
        {
            var block = await GetAsync(recent, fetch).ConfigureAwait(false);
            if (block?.Find(locator, profile) is { } txid)
                return new RecentBreach(txid, recent.Hash, recent.Height);
        }

        return null;
    }

    private async ValueTask<CachedBlock?> GetAsync(RecentBlock recent, Func<uint256, ValueTask<byte[]?>> fetch)
    {
        if (_blocks.TryGetValue(recent.Hash, out var known))
            return known.Block;
        var packed = await fetch(recent.Hash).ConfigureAwait(false);
        if (packed is null)
            return null;
        var block = CachedBlock.Unpack(packed);
        _blocks[recent.Hash] = (recent.Height, block);
        return block;
    }

    /// <summary>
    /// Drops the blocks that left the cache: those not listed, up to the newest listed height. A block above it
    /// stays: it was fetched by a transaction that saw a newer list than this one.
    /// </summary>
    private void Forget(IReadOnlyList<RecentBlock> cached)
    {
        if (_blocks.Count <= cached.Count)
            return;
        var newest = cached.Count == 0 ? 0 : cached.Max(block => block.Height);
        foreach (var (hash, (height, _)) in _blocks)
        {
            if (height <= newest && !cached.Any(block => block.Hash == hash))
                _blocks.TryRemove(hash, out _);
        }
    }
}
