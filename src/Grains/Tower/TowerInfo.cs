using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Protocol.Signing;

namespace Teos.Grains.Tower;

/// <summary>What get_tower_info reports (spec 5.1), plus the chain view and where the block feed runs.</summary>
/// <param name="Feed">Null while the feed is moving between silos.</param>
/// <param name="FeedIsHere">Whether the silo that answers hosts the block feed.</param>
public sealed record TowerInfo(PublicKey TowerId, TowerCounts Counts, bool BitcoindReachable, ChainTipView Tip, FeedReport? Feed, bool FeedIsHere);
