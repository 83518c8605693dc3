using NBitcoin;

namespace Teos.Grains.Locators;

/// <summary>A connected block's share for one bucket: the transactions with a locator (of either profile) in its range.</summary>
[GenerateSerializer, Immutable, Alias("teos.bucket-block")]
public sealed record BucketBlock(uint256 Hash, uint Height, IReadOnlyList<TransactionLocators> Transactions);
