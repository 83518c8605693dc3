using System.Data.Common;
using Teos.Grains.Chain;
using Teos.Grains.Store;

namespace Teos.Silo.Operator;

/// <summary>
/// What the tower holds and how far it is behind bitcoind, sampled when a scrape or a readiness probe asks (at
/// most once a second, one sample at a time), so an idle tower does no work for its metrics.
/// </summary>
public sealed class TowerSnapshot(ITowerStore store, IBitcoinNode node, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BitcoindTimeout = TimeSpan.FromSeconds(2);
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
            var (counts, tip, storageError) = await ReadStoreAsync(cancellationToken);
            var bitcoindHeight = await ReadBitcoindHeightAsync(cancellationToken);
            _last = new TowerSample(counts ?? _last.Counts, storageError is null ? tip : _last.Tip, bitcoindHeight, storageError, time.GetUtcNow());
            return _last;
        }
        finally
        {
            _sampling.Release();
        }
    }

    private async Task<(TowerCounts? Counts, ChainTip? Tip, string? Error)> ReadStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await store.GetCountsAsync(cancellationToken), await store.GetTipAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or TimeoutException)
        {
            return (null, null, e.Message);
        }
    }

    private async Task<int?> ReadBitcoindHeightAsync(CancellationToken cancellationToken)
    {
        // The RPC client retries an unreachable bitcoind for half a minute; a probe wants an answer now.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BitcoindTimeout);
        try
        {
            return await node.GetBlockCountAsync(timeout.Token);
        }
        catch (BitcoindException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
