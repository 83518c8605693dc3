using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// What one block does to the tower, in spec 4.1's order: Gatekeeper, Watcher, Responder. Every step is idempotent
/// (each grain remembers what it applied), so a block interrupted half way is simply run again; the feed writes its
/// tip only after this returns.
/// </summary>
public sealed partial class BlockDriver(
    IGrainFactory grains,
    IRecentBlocks recentBlocks,
    ILocatorRows locatorRows,
    IGatekeeperRows gatekeeperRows,
    TowerMetrics metrics,
    ILogger logger)
{
    /// <summary>Below bitcoind's default RPC work queue (16), so the tower never fills it on its own.</summary>
    private const int ConcurrentBreaches = 8;

    /// <summary>Buckets activated at once while warming: each reads its share of the locator index.</summary>
    private const int WarmBatch = 16;

    private int _warmed;

    private readonly Dictionary<AppointmentUuid, ActiveTracker> _active = new();

    // One tower today (DESIGN.md section 1); the feed serves every tower when there are several.
    private readonly TowerKey _tower = TowerKey.Default;

    private bool _trackersStartedElsewhere;

    /// <summary>The Responder's index of the last 100 blocks' txids (spec 4.4), before the block being processed.</summary>
    public TransactionIndex Index { get; } = new();

    public int ActiveTrackers => _active.Count;

    /// <summary>Active trackers whose penalty is confirmed in a block (the others wait in the mempool).</summary>
    public int ConfirmedTrackers => _active.Values.Count(t => t.Status.Confirmed);

    /// <summary>Refills the index from the stored recent blocks (a listed deviation: spec 4.7 fetches them from bitcoind).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Index.Clear();
        foreach (var block in (await recentBlocks.GetNewestAsync((int)Responder.IrrevocablyResolved, cancellationToken)).Reverse())
            Index.Add(block.Hash, block.Height, block.Txids);
        _active.Clear();
        await RefreshTrackersAsync(cancellationToken);
    }

    /// <summary>Records the blocks below a first start (spec 4.7 step 7): the index and the locator cache start from them.</summary>
    public async Task SeedAsync(IReadOnlyList<(Block Block, uint Height)> blocks, CancellationToken cancellationToken)
    {
        foreach (var (block, height) in blocks)
        {
            var txids = block.Transactions.Select(t => t.GetHash()).ToList();
            await recentBlocks.AddAsync(block.GetHash(), height, txids, (int)Responder.IrrevocablyResolved, cancellationToken);
            Index.Add(block.GetHash(), height, txids);
        }
    }

    /// <summary>
    /// Warms the next few buckets (each loads its watched locators from storage) and waits for them, so that the loads
    /// run a few at a time; a cold bucket answers blocks from storage meanwhile. False once every bucket was warmed.
    /// </summary>
    public async Task<bool> WarmNextAsync()
    {
        if (_warmed >= LocatorBucket.Count)
            return false;
        var batch = Enumerable.Range(_warmed, Math.Min(WarmBatch, LocatorBucket.Count - _warmed)).ToList();
        await Task.WhenAll(batch.Select(bucket => Bucket(bucket).Warm()));
        _warmed += batch.Count;
        return _warmed < LocatorBucket.Count;
    }

    /// <summary>A tracker started outside this driver's Watcher: the next block's Responder finds it in the triggered rows.</summary>
    public void TrackerStartedElsewhere() => _trackersStartedElsewhere = true;

    public async Task ConnectAsync(Block block, uint height, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var hash = block.GetHash();
        var transactions = block.Transactions.ToDictionary(t => t.GetHash());
        // Stored first, so that a bucket activating while the block is processed finds it in its cache.
        await recentBlocks.AddAsync(hash, height, transactions.Keys.ToList(), (int)Responder.IrrevocablyResolved, cancellationToken);

        var outdated = await OutdateUsersAsync(height, cancellationToken);
        var breaches = await WatchAsync(hash, height, transactions, cancellationToken);
        var (completed, dropped) = await RespondAsync(hash, height, transactions.Keys.ToHashSet(), cancellationToken);
        Index.Add(hash, height, transactions.Keys);

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.BlockProcessed(elapsed);
        LogBlockProcessed(height, hash, transactions.Count, outdated, breaches.Triggered, breaches.Invalid, completed, dropped, elapsed.TotalMilliseconds);
    }

    public async Task DisconnectAsync(ChainLink block, CancellationToken cancellationToken)
    {
        var height = (uint)block.Height;
        await recentBlocks.RemoveAsync(block.Hash, cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, LocatorBucket.Count).Select(b => Bucket(b).Disconnect(block.Hash)));
        await Task.WhenAll(_active.Keys.Select(uuid => Tracker(uuid).OnBlockDisconnected(height, block.Hash)));
        Index.Remove(block.Hash);
    }

    /// <summary>Gatekeeper: users outdated at this height go with everything they own, before the Watcher (spec 4.1).</summary>
    private async Task<int> OutdateUsersAsync(uint height, CancellationToken cancellationToken)
    {
        var candidates = await gatekeeperRows.GetOutdatedUsersAsync(_tower, height, cancellationToken);
        var outdated = new HashSet<UserId>();
        foreach (var user in candidates)
        {
            if (await grains.GetGrain<IUserGrain>(_tower.Scope(user.ToHex())).Outdate(height))
                outdated.Add(user);
        }

        foreach (var (uuid, tracker) in _active.Where(t => outdated.Contains(t.Value.Owner)).ToList())
        {
            await Tracker(uuid).Drop();
            _active.Remove(uuid);
        }

        return outdated.Count;
    }

    /// <summary>Watcher: every bucket matches its share of the block's locators; each hit's appointment answers its breach.</summary>
    private async Task<(int Triggered, int Invalid)> WatchAsync(
        uint256 hash, uint height, Dictionary<uint256, Transaction> transactions, CancellationToken cancellationToken)
    {
        var shares = RecentBlockShares.Split(transactions.Keys.Select(TransactionLocators.Of));
        var hits = (await Task.WhenAll(shares.Select(s => Bucket(s.Key).Match(new BucketBlock(hash, height, s.Value)))))
            .SelectMany(h => h)
            .DistinctBy(h => h.Uuid)
            .ToList();

        // Breaches are answered concurrently but bounded, and on the feed's own turn (no thread-pool loop): the
        // appointment and tracker grains do the work, and their answers are counted here one at a time.
        int triggered = 0, invalid = 0;
        using var slots = new SemaphoreSlim(ConcurrentBreaches);
        var outcomes = await Task.WhenAll(hits.Select(async hit =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                // The carrier's height lags one block while the Watcher runs (spec 4.4).
                var breach = new Breach(transactions[hit.DisputeTxid].ToBytes(), hash, height, height - 1, LookUpConfirmation: true);
                return (hit.Uuid, Outcome: await grains.GetGrain<IAppointmentGrain>(_tower.Scope(hit.Uuid.ToHex())).OnBreach(breach));
            }
            finally
            {
                slots.Release();
            }
        }));
        foreach (var (uuid, outcome) in outcomes)
        {
            if (outcome.Result == BreachResult.Triggered)
            {
                _active[uuid] = new ActiveTracker(outcome.PenaltyTxid!, outcome.UserId, default);
                triggered++;
            }
            else if (outcome.Result == BreachResult.Invalid)
            {
                invalid++;
            }
        }

        return (triggered, invalid);
    }

    /// <summary>Responder: every active tracker counts the block (confirm, rebroadcast, re-send, complete).</summary>
    private async Task<(int Completed, int Dropped)> RespondAsync(
        uint256 hash, uint height, HashSet<uint256> txids, CancellationToken cancellationToken)
    {
        // Only when told, or once every rebroadcast interval in case a notice was lost with its silo (such a tracker
        // then counts blocks again within one interval): most blocks read no appointment row.
        if (_trackersStartedElsewhere || height % Responder.ConfirmationsBeforeRetry == 0)
        {
            _trackersStartedElsewhere = false;
            await RefreshTrackersAsync(cancellationToken);
        }

        var steps = await Task.WhenAll(_active.Select(async t =>
            (t.Key, await Tracker(t.Key).OnBlockConnected(new TrackerBlock(height, hash, txids.Contains(t.Value.PenaltyTxid))))));
        int completed = 0, dropped = 0;
        foreach (var (uuid, step) in steps)
        {
            if (step.Fate == TrackerFate.Active)
            {
                _active[uuid] = _active[uuid] with { Status = step.Status };
                continue;
            }

            _active.Remove(uuid);
            completed += step.Fate == TrackerFate.Completed ? 1 : 0;
            dropped += step.Fate == TrackerFate.Dropped ? 1 : 0;
        }

        return (completed, dropped);
    }

    /// <summary>
    /// Trackers started outside the feed (the cache path, a deferred breach, another activation's block) are found
    /// through their triggered rows, the source of truth, at activation and when an appointment grain says one started;
    /// the feed only caches each one's penalty txid.
    /// </summary>
    private async Task RefreshTrackersAsync(CancellationToken cancellationToken)
    {
        foreach (var uuid in await locatorRows.GetTriggeredAsync(_tower, cancellationToken))
        {
            if (_active.ContainsKey(uuid))
                continue;
            if (await Tracker(uuid).GetView() is { } view)
                _active[uuid] = new ActiveTracker(view.PenaltyTxid, view.UserId, view.Status);
        }
    }

    private ILocatorBucketGrain Bucket(int bucket) => grains.GetGrain<ILocatorBucketGrain>(_tower.Scope(bucket.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private ITrackerGrain Tracker(AppointmentUuid uuid) => grains.GetGrain<ITrackerGrain>(_tower.Scope(uuid.ToHex()));

    private sealed record ActiveTracker(uint256 PenaltyTxid, UserId Owner, TrackerStatus Status);

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information,
        Message = "Block {Height} {BlockHash}: {Transactions} txs, {Outdated} users outdated, {Triggered} breaches answered, {Invalid} invalid, {Completed} trackers completed, {Dropped} dropped, in {ElapsedMs:F1} ms")]
    private partial void LogBlockProcessed(uint height, uint256 blockHash, int transactions, int outdated, int triggered, int invalid, int completed, int dropped, double elapsedMs);
}
