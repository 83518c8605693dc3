using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Locators;

/// <summary>
/// One bucket of watched locators. Kept alive: its index is rebuilt from storage when it activates. The rebuild runs in
/// the background: until it is done the bucket is cold, and it matches a block by asking storage for the block's
/// locators in its range instead, so neither a block nor an add_appointment waits for the rebuild (docs/PERFORMANCE.md,
/// issue 19, second round).
/// </summary>
/// <remarks>
/// A locator is registered before its appointment is written, so a block can hit a locator whose row is not durable
/// yet. Such a hit (registered in the last minute, no row) is kept as a deferred breach and looked up again every
/// second until the row appears (then answered as the cache path answers a late appointment) or the minute passes.
/// </remarks>
[GrainType("bucket")]
[KeepAlive]
public sealed partial class LocatorBucketGrain(
    ILocatorRows rows,
    RecentBlockShares recentBlocks,
    LocatorLoads loads,
    ChainTipCache chain,
    IOptions<WatcherOptions> options,
    TimeProvider time,
    ILogger<LocatorBucketGrain> logger) : Grain, ILocatorBucketGrain
{
    private static readonly TimeSpan PendingWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(Locator, ClientProfile), DateTimeOffset> _registered = new();
    private readonly Dictionary<(Locator, ClientProfile), (RecentBreach Breach, DateTimeOffset Since)> _deferred = new();
    private readonly List<(ulong Prefix, ClientProfile Profile)> _watchedWhileCold = [];
    private LocatorCache _cache = null!;
    private Task _loading = Task.CompletedTask;

    // Null while the bucket is cold (its index not rebuilt yet): every locator of the bucket is then a candidate.
    private LocatorIndex? _rust;
    private LocatorIndex? _python;
    private IGrainTimer? _recheck;
    private TowerKey _tower;
    private int _bucket;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tower, var id) = TowerKey.Split(this.GetPrimaryKeyString());
        _bucket = int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
        _cache = new LocatorCache(options.Value.LocatorCacheSize);
        foreach (var block in await recentBlocks.GetAsync(_bucket, _cache.Size))
            _cache.Add(block);
        _loading = LoadIndexAsync();
    }

    /// <summary>
    /// Rebuilds the index from storage, with what was registered meanwhile. The read runs among the silo's
    /// <see cref="LocatorLoads"/>; the rest on the grain's scheduler beside its calls (one at a time, as always). On a
    /// failure the bucket stays cold, still matching from storage, and is collected so that its next call rebuilds it.
    /// </summary>
    private async Task LoadIndexAsync()
    {
        try
        {
            var (rust, python) = await loads.RunAsync(async () =>
            {
                var watched = await rows.LoadBucketAsync(_tower, _bucket, LocatorBucket.Bits, CancellationToken.None);
                return (new LocatorIndex(watched.Where(w => w.Profile == ClientProfile.Rust).Select(w => w.Locator.High)),
                    new LocatorIndex(watched.Where(w => w.Profile == ClientProfile.Python).Select(w => w.Locator.High)));
            });
            foreach (var (prefix, profile) in _watchedWhileCold)
                (profile == ClientProfile.Python ? python : rust).Add(prefix);
            _watchedWhileCold.Clear();
            (_rust, _python) = (rust, python);
            LogLoaded(_bucket, rust.Count + python.Count, _cache.Blocks.Count());
        }
        catch (Exception e)
        {
            LogLoadFailed(_bucket, e.Message);
            DeactivateOnIdle();
        }
    }

    public Task<RecentBreach?> Watch(Locator locator, ClientProfile profile)
    {
        if (Index(profile) is { } index)
            index.Add(locator.High);
        else
            _watchedWhileCold.Add((locator.High, profile));
        var now = time.GetUtcNow();
        _registered[(locator, profile)] = now;
        if (_registered.Count > 1024)
            Forget(_registered, now - PendingWindow);
        return Task.FromResult(_cache.Find(locator, profile));
    }

    public async Task<IReadOnlyList<BreachHit>> Match(BucketBlock block)
    {
        _cache.Add(block);
        List<Locator> rust = [], python = [];
        var disputes = new Dictionary<(Locator, ClientProfile), uint256>();
        foreach (var tx in block.Transactions)
        {
            Candidate(tx.Rust, ClientProfile.Rust, _rust, rust);
            Candidate(tx.Python, ClientProfile.Python, _python, python);

            void Candidate(Locator locator, ClientProfile profile, LocatorIndex? index, List<Locator> candidates)
            {
                if (LocatorBucket.Of(locator) == _bucket && (index?.Contains(locator.High) ?? true) && disputes.TryAdd((locator, profile), tx.Txid))
                    candidates.Add(locator);
            }
        }

        // A block without breaches reads nothing once the bucket is warm: the index answers.
        if (disputes.Count == 0)
            return [];

        var stored = await rows.FindWatchedAsync(_tower, rust, python, CancellationToken.None);
        var hits = stored.Select(a => new BreachHit(a.Uuid, disputes[(a.Locator, a.Profile)])).ToList();
        var now = time.GetUtcNow();
        foreach (var (key, txid) in disputes)
        {
            // A row found is written: a later look (the same block run again) has no write to wait for.
            if (stored.Any(a => (a.Locator, a.Profile) == key))
                _registered.Remove(key);
            else if (_registered.TryGetValue(key, out var at) && now - at < PendingWindow)
                Defer(key, new RecentBreach(txid, block.Hash, block.Height), now);
        }

        return hits;
    }

    public Task Disconnect(uint256 blockHash)
    {
        _cache.Remove(blockHash);
        foreach (var key in _deferred.Where(d => d.Value.Breach.BlockHash == blockHash).Select(d => d.Key).ToList())
            _deferred.Remove(key);
        return Task.CompletedTask;
    }

    public Task Warm() => _loading;

    private LocatorIndex? Index(ClientProfile profile) => profile == ClientProfile.Python ? _python : _rust;

    private void Defer((Locator, ClientProfile) key, RecentBreach breach, DateTimeOffset now)
    {
        LogDeferred(key.Item1, breach.DisputeTxid, breach.Height);
        _deferred[key] = (breach, now);
        _recheck ??= this.RegisterGrainTimer(RecheckAsync, new GrainTimerCreationOptions(RecheckInterval, RecheckInterval));
    }

    /// <summary>Looks the deferred breaches up again; those whose appointment is now stored are answered.</summary>
    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, (breach, since)) in _deferred.Where(d => now - d.Value.Since >= PendingWindow).ToList())
        {
            LogDeferredExpired(key.Item1, breach.DisputeTxid);
            _deferred.Remove(key);
        }

        var keys = _deferred.Keys.ToList();
        var stored = keys.Count == 0
            ? []
            : await rows.FindWatchedAsync(
                _tower,
                keys.Where(k => k.Item2 == ClientProfile.Rust).Select(k => k.Item1).ToList(),
                keys.Where(k => k.Item2 == ClientProfile.Python).Select(k => k.Item1).ToList(),
                cancellationToken);
        foreach (var appointment in stored)
        {
            var key = (appointment.Locator, appointment.Profile);
            if (!_deferred.Remove(key, out var deferred))
                continue;
            _registered.Remove(key);
            var outcome = await GrainFactory.GetGrain<IAppointmentGrain>(_tower.Scope(appointment.Uuid.ToHex()))
                .OnRecentBreach(deferred.Breach, chain.Current.Height);
            LogDeferredAnswered(appointment.Uuid, deferred.Breach.DisputeTxid, outcome.Result);
        }

        if (_deferred.Count == 0)
        {
            _recheck?.Dispose();
            _recheck = null;
        }
    }

    private static void Forget(Dictionary<(Locator, ClientProfile), DateTimeOffset> registered, DateTimeOffset before)
    {
        foreach (var key in registered.Where(r => r.Value < before).Select(r => r.Key).ToList())
            registered.Remove(key);
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Debug, Message = "Bucket {Bucket} loaded: {Locators} watched locators, {Blocks} cached blocks")]
    private partial void LogLoaded(int bucket, int locators, int blocks);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Warning,
        Message = "Bucket {Bucket} could not load its locators ({Reason}): it matches blocks from storage until it is activated again")]
    private partial void LogLoadFailed(int bucket, string reason);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information,
        Message = "Locator {Locator} breached by {DisputeTxid} in block {Height} while its appointment was being written: looking it up again each second")]
    private partial void LogDeferred(Locator locator, uint256 disputeTxid, uint height);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Deferred breach of {Uuid} by {DisputeTxid} answered: {Result}")]
    private partial void LogDeferredAnswered(AppointmentUuid uuid, uint256 disputeTxid, BreachResult result);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information,
        Message = "Locator {Locator} breached by {DisputeTxid}: no appointment was stored within a minute of its registration (the write failed)")]
    private partial void LogDeferredExpired(Locator locator, uint256 disputeTxid);
}
