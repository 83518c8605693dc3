using Teos.Grains.Store;
using Teos.Protocol.Signing;

namespace Teos.Grains.Tower;

/// <summary>What get_tower_info reports (spec 5.1), plus the chain tip and whether this silo runs the block feed.</summary>
public sealed record TowerInfo(PublicKey TowerId, TowerCounts Counts, bool BitcoindReachable, ChainTip? Tip, bool IsLeader);
