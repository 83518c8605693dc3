namespace Teos.Grains.Trackers;

/// <summary>Where a tracker stands after a block.</summary>
[GenerateSerializer, Immutable, Alias("teos.tracker-step")]
public sealed record TrackerStep(TrackerFate Fate, TrackerStatus Status);

public enum TrackerFate
{
    /// <summary>Still followed.</summary>
    Active,

    /// <summary>Irrevocably confirmed: deleted with its appointment, slots refunded (spec 4.4).</summary>
    Completed,

    /// <summary>bitcoind rejected a re-send: deleted with its appointment, no refund (spec 4.5).</summary>
    Dropped,

    /// <summary>No tracker under this key (completed or dropped earlier, or its owner was outdated).</summary>
    Gone,
}
