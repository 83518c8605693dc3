using Teos.Grains.Storage;

namespace Teos.Grains.Appointments;

/// <summary>
/// The number of stored appointments for the optional tower-wide cap, re-counted at most every few seconds:
/// the cap guards resources, it does not account for anything, so a slightly stale count is good enough.
/// </summary>
public sealed class AppointmentCount(IOperatorQueries queries, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    // Replaced whole by concurrent requests: a reference swap is atomic, a two-field struct write is not.
    private volatile Snapshot? _last;

    public async Task<long> GetAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && time.GetUtcNow() - last.At < MaxAge)
            return last.Count;

        var counts = await queries.GetCountsAsync(TowerKey.Default, cancellationToken);
        var count = counts.WatchedAppointments + counts.Trackers;
        _last = new Snapshot(count, time.GetUtcNow());
        return count;
    }

    private sealed record Snapshot(long Count, DateTimeOffset At);
}
