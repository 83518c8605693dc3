namespace Teos.Grains.BlockFeed;

/// <summary>Settings of the chain follower.</summary>
public sealed class BlockFeedOptions
{
    /// <summary>Time between polls of bitcoind's best block (teosd polling_delta, default 60 s; tests go down to 100 ms).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deepest reorg followed; deeper ones stop the feed. 100 is the irrevocable depth (spec 4.4).</summary>
    public int MaxReorgDepth { get; set; } = 100;

    /// <summary>
    /// teosd --forceupdate: on a pruned bitcoind that no longer has the blocks the tower must process, skip to the
    /// prune height + 100 instead of stopping (spec 4.7 step 5).
    /// </summary>
    public bool ForceUpdate { get; set; }

    /// <summary>How often catching up logs its progress.</summary>
    public TimeSpan ProgressLogInterval { get; set; } = TimeSpan.FromSeconds(10);
}
