namespace Teos.Grains.BlockFeed;

/// <summary>Counts blocks connected in one sync and says when it is time to log progress.</summary>
internal sealed class CatchUpProgress
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _lastReport;

    public CatchUpProgress(int total, TimeProvider time)
    {
        Total = total;
        _time = time;
        _started = time.GetTimestamp();
        _lastReport = _started;
    }

    public int Total { get; }

    public int Done { get; private set; }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public double Rate => Done / Math.Max(Elapsed.TotalSeconds, 1e-3);

    /// <summary>The blocks still to do at the rate so far.</summary>
    public TimeSpan TimeLeft => TimeSpan.FromSeconds((Total - Done) / Math.Max(Rate, 1e-3));

    /// <summary>h:mm:ss, hours not wrapping at a day.</summary>
    public string TimeLeftText => $@"{(int)TimeLeft.TotalHours}:{TimeLeft:mm\:ss}";

    /// <summary>Counts one more block; true when <paramref name="interval"/> has passed since the last report.</summary>
    public bool Advance(TimeSpan interval)
    {
        Done++;
        if (Done == Total || _time.GetElapsedTime(_lastReport) < interval)
            return false;
        _lastReport = _time.GetTimestamp();
        return true;
    }
}
