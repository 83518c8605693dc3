namespace Teos.Grains.Trackers;

/// <summary>`InMempoolSince(h)` or `ConfirmedIn(h)` (spec 4.4), persisted as (height, confirmed).</summary>
[GenerateSerializer, Immutable, Alias("teos.tracker-status")]
public readonly record struct TrackerStatus([property: Id(0)] uint Height, [property: Id(1)] bool Confirmed)
{
    public static TrackerStatus InMempoolSince(uint height) => new(height, false);

    public static TrackerStatus ConfirmedIn(uint height) => new(height, true);

    public override string ToString() => Confirmed ? $"ConfirmedIn({Height})" : $"InMempoolSince({Height})";
}
