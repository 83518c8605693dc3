using NBitcoin;

namespace Teos.Storage.LocatorCache;

/// <summary>A block in the locator cache, as the store lists them: which blocks are cached, not what they hold.</summary>
internal readonly record struct RecentBlock(uint256 Hash, uint Height);
