namespace Teos.Grains.Trackers;

/// <summary>The Responder's per-block decisions over all trackers (spec 4.4 steps 2 and 4).</summary>
public sealed record ConfirmationPass(
    IReadOnlyList<TrackerSummary> ConfirmedNow,
    IReadOnlyList<TrackerSummary> Completed,
    IReadOnlyList<TrackerSummary> MissedConfirmation,
    IReadOnlyList<TrackerSummary> Reorged,
    IReadOnlyList<TrackerSummary> Stale);
