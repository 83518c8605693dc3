using NBitcoin;

namespace Teos.Grains.Store;

/// <summary>The last block whose processing committed: the tower's notion of time (spec 4.1).</summary>
public sealed record ChainTip(uint256 BlockHash, uint Height);
