using NBitcoin;

namespace Teos.Grains.Store;

/// <summary>
/// The stored tip is not the block this silo built on: another silo processed blocks meanwhile (it took the feed
/// lease while this one had not yet noticed losing it). The block's transaction is rolled back, so no block is
/// ever applied twice.
/// </summary>
public sealed class TipMovedException(uint256 expected, ChainTip? actual)
    : InvalidOperationException($"Expected the stored tip to be {expected}, found {actual?.BlockHash.ToString() ?? "none"}")
{
    public uint256 Expected { get; } = expected;

    public ChainTip? Actual { get; } = actual;
}
