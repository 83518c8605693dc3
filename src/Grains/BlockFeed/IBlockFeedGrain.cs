using NBitcoin;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// The one chain follower of the cluster (integer key 0): polls bitcoind on a grain timer and drives every other
/// grain block by block, in spec 4.1's order (Gatekeeper, Watcher, Responder); the tip is written last, fenced by
/// its version.
/// </summary>
public interface IBlockFeedGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A silo's keeper, every second: keeps the feed active wherever it lives, (re)subscribes the silo's observer and
    /// returns the current chain view. Interleaves with a block in progress (a catch-up can take minutes).
    /// </summary>
    [AlwaysInterleave]
    Task<ChainTipView> Ping(ITipObserver observer);

    /// <summary>The height of the block, among the last 100 processed, that holds <paramref name="txid"/> (spec 4.4).</summary>
    [AlwaysInterleave]
    Task<uint?> FindConfirmation(uint256 txid);

    /// <summary>
    /// An appointment became a tracker and its row says so (the cache path, a deferred breach, or a block another
    /// activation ran): the Responder re-reads the triggered rows before its next block, instead of before every block.
    /// </summary>
    [AlwaysInterleave, OneWay]
    Task TrackerStarted();

    /// <summary>What the feed is doing, for operators.</summary>
    [AlwaysInterleave]
    Task<FeedReport> GetReport();
}
