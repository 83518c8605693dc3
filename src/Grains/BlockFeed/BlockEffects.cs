using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Grains.BlockFeed;

/// <summary>Everything one connected block changes, committed with the new tip in one transaction.</summary>
public sealed class BlockEffects
{
    public List<AppointmentUuid> Invalid { get; } = [];

    public List<Tracker> NewTrackers { get; } = [];

    public List<TrackerSummary> Updated { get; } = [];

    public List<AppointmentUuid> Completed { get; } = [];

    public List<AppointmentUuid> Dropped { get; } = [];
}
