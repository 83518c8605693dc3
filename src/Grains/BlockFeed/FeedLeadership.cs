namespace Teos.Grains.BlockFeed;

/// <summary>
/// Whether this silo currently runs the block feed. Exactly one silo does: on SQLite the only one, on
/// PostgreSQL the holder of the feed lease. Reported by get_tower_info; never used to decide anything.
/// </summary>
public sealed class FeedLeadership
{
    private volatile bool _isLeader;

    public bool IsLeader
    {
        get => _isLeader;
        set => _isLeader = value;
    }
}
