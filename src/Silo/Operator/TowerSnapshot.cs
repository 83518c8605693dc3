using Orleans;
using Orleans.Runtime;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Storage;

namespace Teos.Silo.Operator;

/// <summary>
/// What the tower holds and how far it is behind bitcoind, sampled when a scrape or a readiness probe asks (at
/// most once a second, one sample at a time), so an idle tower does no work for its metrics. Counts come from
/// storage, the tip from this silo's copy of the feed's chain view, trackers by state from the block feed.
/// </summary>
public sealed class TowerSnapshot(IOperatorQueries queries, ChainTipCache chain, IGrainFactory grains, IBitcoinNode node, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _sampling = new(1, 1);
    private volatile TowerSample _last = TowerSample.None;

    public TowerSample Last => _last;

    public async Task<TowerSample> RefreshAsync(CancellationToken cancellationToken)
    {
        await _sampling.WaitAsync(cancellationToken);
        try
        {
            if (_last.TakenAt is { } at && time.GetUtcNow() - at < MaxAge)
                return _last;
            var (counts, storageError) = await ReadStoreAsync(cancellationToken);
            var bitcoindHeight = await BoundedAsync<int?>(async ct => await node.GetBlockCountAsync(ct), cancellationToken);
            var feed = await BoundedAsync<FeedReport?>(async ct => await grains.GetGrain<IBlockFeedGrain>(0).GetReport().WaitAsync(ct), cancellationToken);
            _last = new TowerSample(counts ?? _last.Counts, chain.Current, bitcoindHeight, feed, storageError, time.GetUtcNow());
            return _last;
        }
        finally
        {
            _sampling.Release();
        }
    }

    private async Task<(TowerCounts? Counts, string? Error)> ReadStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await queries.GetCountsAsync(TowerKey.Default, cancellationToken), null);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException or TimeoutException or StorageUnavailableException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// The call's answer, or null when it failed or took longer than <see cref="CallTimeout"/>: the RPC client retries
    /// an unreachable bitcoind for half a minute, and the feed may be moving between silos; a probe wants an answer now.
    /// </summary>
    private static async Task<T?> BoundedAsync<T>(Func<CancellationToken, Task<T?>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is BitcoindException or OperationCanceledException or TimeoutException or OrleansException)
        {
            return default;
        }
    }
}
