using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.BlockFeed;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Storage.Hosting;

namespace Teos.Storage.Legacy;

/// <summary>
/// Moves what the previous teosd kept as rows into grain state, once, at silo start (before grains run): each legacy
/// tracker becomes the state of its tracker grain (type "tracker", key "&lt;tower&gt;/&lt;uuid hex&gt;"), the legacy tip
/// the block feed's (type "feed", integer key 0). A state that exists wins (a silo started earlier, or an import
/// interrupted midway, already wrote it), so running it again changes nothing. The legacy rows go last.
/// The state names are the grain types, as the grains declare them.
/// </summary>
public sealed class LegacyStateImport(TeosStorage storage, IGrainStorage state, ILogger<LegacyStateImport> logger)
{
    public const string TrackerGrainType = "tracker";
    public const string FeedGrainType = "feed";

    /// <returns>The trackers and tips written now (existing states are not counted).</returns>
    public async Task<(int Trackers, int Tips)> RunAsync(CancellationToken cancellationToken)
    {
        var legacy = storage.Legacy;
        var tip = await legacy.GetTipAsync(cancellationToken).ConfigureAwait(false);
        var trackers = await legacy.GetTrackersAsync(cancellationToken).ConfigureAwait(false);
        if (tip is null && trackers.Count == 0)
            return (0, 0);

        var written = 0;
        foreach (var tracker in trackers)
        {
            // The previous teosd had applied every block up to its tip to every tracker.
            var imported = tracker.State with { LastBlockHeight = tip?.Height ?? 0, LastBlockHash = tip?.Hash };
            var grainId = GrainId.Create(TrackerGrainType, TowerKey.Default.Scope(tracker.Uuid.ToHex()));
            if (await WriteIfAbsentAsync(TrackerGrainType, grainId, imported).ConfigureAwait(false))
                written++;
        }

        var tips = 0;
        if (tip is not null)
        {
            var feed = GrainId.Create(GrainType.Create(FeedGrainType), GrainIdKeyExtensions.CreateIntegerKey(0));
            if (await WriteIfAbsentAsync(FeedGrainType, feed, new FeedState { TipHash = tip.Hash, TipHeight = tip.Height }).ConfigureAwait(false))
                tips++;
        }

        await legacy.ForgetAsync(cancellationToken).ConfigureAwait(false);
        LegacyImportLog.Imported(logger, written, trackers.Count - written, tips, tip?.Height);
        return (written, tips);
    }

    private async Task<bool> WriteIfAbsentAsync<T>(string stateName, GrainId grainId, T imported)
    {
        var grainState = new GrainState<T>();
        await state.ReadStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
        if (grainState.RecordExists)
            return false;
        grainState.State = imported;
        try
        {
            await state.WriteStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
            return true;
        }
        catch (InconsistentStateException)
        {
            // Another silo's import (or the grain itself) wrote it first: that state wins.
            return false;
        }
    }
}
