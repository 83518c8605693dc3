using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;

namespace Teos.Silo.Feed;

/// <summary>bitcoind is reachable as far as the block feed's last poll could tell.</summary>
public sealed class FollowerReachability(ChainFollower follower) : IBitcoindReachability
{
    public bool IsReachable => follower.IsBitcoindReachable;
}
