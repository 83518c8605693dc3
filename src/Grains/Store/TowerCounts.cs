namespace Teos.Grains.Store;

/// <summary>Counts for get_tower_info: watched appointments exclude rows that became trackers.</summary>
public sealed record TowerCounts(long Users, long WatchedAppointments, long Trackers);
