using NBitcoin;

namespace Teos.Grains.Locators;

/// <summary>A locator found in the locator cache: its dispute is already in one of the last blocks.</summary>
public sealed record RecentBreach(uint256 DisputeTxid, uint256 BlockHash, uint Height);
