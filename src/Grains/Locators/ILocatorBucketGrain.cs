using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Locators;

/// <summary>
/// The watched locators whose first 10 bits are this bucket's number (key <c>"&lt;tower&gt;/&lt;bucket&gt;"</c>): a compact
/// in-memory index and the last 6 blocks' locators (the locator cache, spec 4.3), both rebuilt from storage when the
/// bucket activates (the index in the background). It finds a block's breaches and tells a late appointment that its
/// breach already happened.
/// </summary>
public interface ILocatorBucketGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers a locator before its appointment is written (so no stored appointment is ever unwatched).
    /// </summary>
    /// <returns>The breach when the locator's dispute is in one of the last blocks.</returns>
    Task<RecentBreach?> Watch(Locator locator, ClientProfile profile);

    /// <summary>Adds a connected block to the cache and returns the stored appointments it breaches.</summary>
    Task<IReadOnlyList<BreachHit>> Match(BucketBlock block);

    /// <summary>A block left the best chain: its locators leave the cache (spec 4.6).</summary>
    Task Disconnect(uint256 blockHash);

    /// <summary>
    /// Completes when the bucket's index is rebuilt: the block feed warms every bucket after a start, a few at a time,
    /// so that blocks find them loaded. Interleaves: the bucket answers blocks and registrations while it loads.
    /// </summary>
    [AlwaysInterleave]
    Task Warm();
}
