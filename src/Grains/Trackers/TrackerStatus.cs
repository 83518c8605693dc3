namespace Teos.Grains.Trackers;

/// <summary>`InMempoolSince(h)` or `ConfirmedIn(h)` (spec 4.4), persisted as (height, confirmed).</summary>
public readonly record struct TrackerStatus(uint Height, bool Confirmed)
{
    public static TrackerStatus InMempoolSince(uint height) => new(height, false);

    public static TrackerStatus ConfirmedIn(uint height) => new(height, true);

    public override string ToString() => Confirmed ? $"ConfirmedIn({Height})" : $"InMempoolSince({Height})";
}
