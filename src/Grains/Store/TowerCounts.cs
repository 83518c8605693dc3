namespace Teos.Grains.Store;

/// <summary>
/// Counts for get_tower_info and the metrics: watched appointments exclude rows that became trackers, and
/// <see cref="ConfirmedTrackers"/> are the trackers whose penalty is in a block (the others are in the mempool).
/// </summary>
public sealed record TowerCounts(long Users, long WatchedAppointments, long Trackers, long ConfirmedTrackers = 0)
{
    public long TrackersInMempool => Trackers - ConfirmedTrackers;
}
