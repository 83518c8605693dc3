using NBitcoin;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Storage.Legacy;

/// <summary>
/// What the previous teosd kept in tables that grain state replaces: trackers and the tip (renamed legacy_trackers
/// and legacy_chain_tip by the grains migration). <see cref="LegacyStateImport"/> copies them once, then forgets them.
/// </summary>
internal interface ILegacyRows
{
    /// <summary>The last block the previous teosd processed, if any.</summary>
    Task<LegacyTip?> GetTipAsync(CancellationToken cancellationToken);

    /// <summary>Every legacy tracker with its appointment's owner, locator and profile (all in the default tower).</summary>
    Task<IReadOnlyList<LegacyTracker>> GetTrackersAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the legacy trackers and tip, once they are grain state.</summary>
    Task ForgetAsync(CancellationToken cancellationToken);
}

internal sealed record LegacyTip(uint256 Hash, uint Height);

/// <summary>A legacy tracker row as grain state, before the tip it was last brought up to.</summary>
internal sealed record LegacyTracker(AppointmentUuid Uuid, TrackerState State);
