using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Blobs;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Drives the Gatekeeper, Watcher and Responder for every block the chain follower hands over (spec 4.1-4.6).
/// Reads and bitcoind calls happen first; all the block's effects then commit with the new tip in one
/// transaction, so a crash or a failover never skips or half-applies a block.
/// </summary>
public sealed partial class BlockProcessor(
    ITowerStore store,
    IBitcoinNode node,
    Responder responder,
    BreachOutcomes outcomes,
    TransactionIndex index,
    IOptions<SubscriptionOptions> subscriptions,
    IOptions<WatcherOptions> watcher,
    ILogger<BlockProcessor> logger) : IBlockListener
{
    /// <summary>Below bitcoind's default RPC work queue (16), so the tower never fills it on its own.</summary>
    private const int ConcurrentBroadcasts = 8;

    private readonly uint _expiryDelta = subscriptions.Value.ExpiryDelta;
    private readonly int _cacheSize = watcher.Value.LocatorCacheSize;

    /// <summary>
    /// Refills what lives in memory only: the Responder's index of the last 100 blocks (spec 4.7 step 7). On the
    /// very first start (or a forced skip) it also records <paramref name="tip"/> as the tower's and fills the
    /// locator cache.
    /// </summary>
    public async Task PrepareAsync(ChainLink tip, bool recordTip, CancellationToken cancellationToken)
    {
        var blocks = new List<(ChainLink Link, Block Block)>();
        uint256? hash = tip.Hash;
        for (var height = tip.Height; hash is { } current && height >= 0 && blocks.Count < ResponderRules.IrrevocablyResolved; height--)
        {
            var block = await node.GetBlockAsync(current, cancellationToken);
            blocks.Add((new ChainLink(current, height, block.Header.HashPrevBlock), block));
            hash = height > 0 ? block.Header.HashPrevBlock : null;
        }

        blocks.Reverse();
        // Each leader term starts here (a silo may lose the feed and take it over again): refill, never append.
        index.Clear();
        foreach (var (link, block) in blocks)
            index.Add(link.Hash, (uint)link.Height, block.Transactions.Select(tx => tx.GetHash()));

        if (!recordTip)
            return;
        await store.WriteAsync(async (tx, _) =>
        {
            foreach (var (link, block) in blocks.TakeLast(_cacheSize))
                await tx.AddRecentBlockAsync(link.Hash, (uint)link.Height, new BlockLocators(block).Transactions);
            await tx.SetTipAsync(new ChainTip(tip.Hash, (uint)tip.Height));
            return true;
        }, cancellationToken);
    }

    public async Task BlockConnectedAsync(Block block, int height, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var h = (uint)height;
        var locators = new BlockLocators(block);
        var (breached, trackers) = await store.WriteAsync(async (tx, _) =>
        {
            // The cache is filled in the same transaction that reads the breaches: an appointment committed
            // later finds its breach in the cache, one committed earlier is among the breaches (spec 4.3).
            await tx.AddRecentBlockAsync(block.GetHash(), h, locators.Transactions);
            await tx.RemoveRecentBlocksBelowAsync(h + 1 - (uint)Math.Min(_cacheSize, height + 1));
            var found = await tx.FindBreachedAsync(locators.RustLocators, locators.PythonLocators, h, _expiryDelta);
            return (found, await tx.GetTrackerSummariesAsync());
        }, cancellationToken);

        var effects = new BlockEffects();
        await RespondToBreachesAsync(breached, locators, h, effects, cancellationToken);
        var blockTxids = locators.Transactions.Select(t => t.Txid).ToHashSet();
        index.Add(block.GetHash(), h, blockTxids);
        await FollowTrackersAsync(h, blockTxids, trackers, effects, cancellationToken);

        await store.WriteAsync((tx, _) => CommitAsync(tx, block.Header, h, effects), cancellationToken);
        responder.FinishBlock();
        LogBlockProcessed(height, block.GetHash(), block.Transactions.Count, breached.Count, effects.NewTrackers.Count,
            effects.Invalid.Count, effects.Completed.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task BlockDisconnectedAsync(ChainLink block, CancellationToken cancellationToken)
    {
        var h = (uint)block.Height;
        var reorged = await store.WriteAsync(async (tx, _) =>
        {
            await tx.RemoveRecentBlockAsync(block.Hash);
            var confirmedThere = ResponderRules.OnBlockDisconnected(h, await tx.GetTrackerSummariesAsync());
            await tx.UpdateTrackersAsync(confirmedThere);
            await tx.AdvanceTipAsync(block.Hash, new ChainTip(block.PreviousHash!, h - 1));
            return confirmedThere.Count;
        }, cancellationToken);

        index.Remove(block.Hash);
        LogBlockDisconnected(block.Height, block.Hash, reorged);
    }

    /// <summary>
    /// Watcher: open each breached appointment's blob with its dispute txid and hand the penalty over. The
    /// penalties go to bitcoind concurrently (bounded), so a block with many breaches is not a queue of RPCs.
    /// </summary>
    private async Task RespondToBreachesAsync(
        IReadOnlyList<Appointment> breached, BlockLocators locators, uint height, BlockEffects effects, CancellationToken cancellationToken)
    {
        var opened = new List<(Appointment Appointment, Transaction Dispute, Transaction Penalty)>();
        foreach (var appointment in breached.DistinctBy(a => a.Uuid))
        {
            var dispute = locators.DisputeFor(appointment.Locator, appointment.Profile)!;
            if (PenaltyBlob.TryOpen(appointment.EncryptedBlob, dispute.GetHash(), appointment.Profile, out var penalty))
            {
                opened.Add((appointment, dispute, penalty));
                continue;
            }

            outcomes.Undecryptable(appointment, dispute.GetHash(), height);
            effects.Invalid.Add(appointment.Uuid);
        }

        // The carrier's height lags one block while the Watcher runs (spec 4.4).
        var statuses = new TrackerStatus?[opened.Count];
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBroadcasts, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, opened.Count), parallelism, async (i, token) =>
            statuses[i] = await responder.StatusForBreachAsync(opened[i].Penalty, height - 1, index, token));

        for (var i = 0; i < opened.Count; i++)
        {
            var (appointment, dispute, penalty) = opened[i];
            outcomes.Answered(appointment, dispute.GetHash(), penalty.GetHash(), statuses[i], height, late: false);
            if (statuses[i] is { } accepted)
                effects.NewTrackers.Add(new Tracker(appointment.Uuid, appointment.UserId, dispute, penalty, accepted));
            else
                effects.Invalid.Add(appointment.Uuid);
        }
    }

    /// <summary>Responder: confirmations, completion, rebroadcast of stale penalties and re-sends after reorgs.</summary>
    private async Task FollowTrackersAsync(
        uint height, IReadOnlySet<uint256> blockTxids, IReadOnlyList<TrackerSummary> stored, BlockEffects effects, CancellationToken cancellationToken)
    {
        var pass = ResponderRules.OnBlockConnected(height, blockTxids, stored.Concat(effects.NewTrackers.Select(t => t.Summary)));
        foreach (var confirmed in pass.ConfirmedNow)
        {
            var fresh = effects.NewTrackers.FindIndex(t => t.Uuid == confirmed.Uuid);
            if (fresh >= 0)
                effects.NewTrackers[fresh] = effects.NewTrackers[fresh] with { Status = confirmed.Status };
            else
                effects.Updated.Add(confirmed);
        }

        effects.Completed.AddRange(pass.Completed.Select(t => t.Uuid));
        if (pass.Reorged.Count + pass.Stale.Count == 0)
            return;

        var resend = await store.WriteAsync(
            async (tx, _) => await tx.GetTrackersAsync(pass.Reorged.Concat(pass.Stale).Select(t => t.Uuid).ToList()),
            cancellationToken);
        foreach (var tracker in resend)
        {
            var status = tracker.Reorged
                ? await responder.ResendAfterReorgAsync(tracker, height, cancellationToken)
                : await responder.RebroadcastAsync(tracker, height, cancellationToken);
            if (status is { } next)
            {
                effects.Updated.Add(tracker.Summary with { Status = next, Reorged = false });
            }
            else
            {
                outcomes.ResendRejected(tracker, height);
                effects.Dropped.Add(tracker.Uuid);
            }
        }
    }

    private async ValueTask<bool> CommitAsync(ITowerTransaction tx, BlockHeader block, uint height, BlockEffects effects)
    {
        // Gatekeeper first: the owners' deletion cascades to their appointments and trackers (spec 4.1, 4.2).
        var outdated = await tx.DeleteOutdatedUsersAsync(height, _expiryDelta);
        await tx.DeleteAppointmentsAsync(effects.Invalid, refund: false);
        foreach (var tracker in effects.NewTrackers)
            await tx.InsertTrackerAsync(tracker);
        await tx.UpdateTrackersAsync(effects.Updated);
        await tx.DeleteAppointmentsAsync(effects.Completed, refund: true);
        await tx.DeleteAppointmentsAsync(effects.Dropped, refund: false);
        await tx.AdvanceTipAsync(block.HashPrevBlock, new ChainTip(block.GetHash(), height));
        if (outdated.Count > 0)
            LogOutdatedUsers(outdated.Count, height);
        return true;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Block {Height} {BlockHash}: {Transactions} txs, {Breaches} breaches, {Trackers} new trackers, {Invalid} invalid, {Completed} completed in {ElapsedMs:F1} ms")]
    private partial void LogBlockProcessed(int height, uint256 blockHash, int transactions, int breaches, int trackers, int invalid, int completed, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Block {Height} {BlockHash} disconnected; {Reorged} trackers to re-send")]
    private partial void LogBlockDisconnected(int height, uint256 blockHash, int reorged);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Count} outdated users deleted at height {Height}")]
    private partial void LogOutdatedUsers(int count, uint height);
}
