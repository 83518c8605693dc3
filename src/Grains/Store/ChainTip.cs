using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Store;

/// <summary>The last block whose processing committed: the tower's notion of time (spec 4.1).</summary>
public sealed record ChainTip(Txid BlockHash, uint Height);
