using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Locators;

/// <summary>
/// The locator cache (spec 4.3): every locator of the last <c>size</c> connected blocks (6 by default) with the
/// transaction behind it, so an appointment that arrives after its breach is answered at once. A bucket keeps the
/// share of its own locators. Adding a block twice changes nothing (a replayed block).
/// </summary>
public sealed class LocatorCache(int size)
{
    private readonly List<CachedBlock> _blocks = [];

    public int Size { get; } = size;

    public IEnumerable<uint256> Blocks => _blocks.Select(b => b.Hash);

    /// <summary>Caches a connected block and forgets those more than <see cref="Size"/> blocks below it.</summary>
    public void Add(BucketBlock block)
    {
        if (_blocks.Any(b => b.Hash == block.Hash))
            return;
        var disputes = new Dictionary<(Locator, ClientProfile), uint256>();
        foreach (var tx in block.Transactions)
        {
            disputes.TryAdd((tx.Rust, ClientProfile.Rust), tx.Txid);
            disputes.TryAdd((tx.Python, ClientProfile.Python), tx.Txid);
        }

        _blocks.Add(new CachedBlock(block.Hash, block.Height, disputes));
        _blocks.RemoveAll(b => (long)b.Height <= (long)block.Height - Size);
    }

    /// <summary>A block that left the best chain leaves the cache (spec 4.6).</summary>
    public void Remove(uint256 blockHash) => _blocks.RemoveAll(b => b.Hash == blockHash);

    /// <summary>The newest cached breach of a locator under a profile, if any.</summary>
    public RecentBreach? Find(Locator locator, ClientProfile profile)
    {
        foreach (var block in _blocks.OrderByDescending(b => b.Height))
        {
            if (block.Disputes.TryGetValue((locator, profile), out var txid))
                return new RecentBreach(txid, block.Hash, block.Height);
        }

        return null;
    }

    private sealed record CachedBlock(uint256 Hash, uint Height, Dictionary<(Locator, ClientProfile), uint256> Disputes);
}
