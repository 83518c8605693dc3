using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Locators;

/// <summary>A locator found in the locator cache: its dispute is already in one of the last blocks.</summary>
public sealed record RecentBreach(Txid DisputeTxid, Txid BlockHash, uint Height);
