using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Storage;

/// <summary>The operator's read-only queries (admin API, metrics). Listings are paged by key order.</summary>
public interface IOperatorQueries
{
    Task<TowerCounts> GetCountsAsync(TowerKey tower, CancellationToken cancellationToken);

    /// <summary>User ids after <paramref name="after"/> in key order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UserId>> GetUserIdsAsync(TowerKey tower, UserId? after, int limit, CancellationToken cancellationToken);

    /// <summary>Appointment rows (triggered ones included) after <paramref name="after"/> in uuid order.</summary>
    Task<IReadOnlyList<StoredAppointment>> GetAppointmentsAsync(TowerKey tower, AppointmentUuid? after, int limit, CancellationToken cancellationToken);

    /// <summary>Every user's appointment row for a locator, triggered ones included.</summary>
    Task<IReadOnlyList<StoredAppointment>> GetAppointmentsByLocatorAsync(TowerKey tower, Locator locator, CancellationToken cancellationToken);
}

/// <summary>An appointment row with its uuid, as operator listings show it.</summary>
public sealed record StoredAppointment(AppointmentUuid Uuid, AppointmentState State);

/// <summary>Tower-wide counts (spec 5.1): users, watched appointments (untriggered rows), trackers (triggered rows).</summary>
public sealed record TowerCounts(long Users, long WatchedAppointments, long Trackers);
