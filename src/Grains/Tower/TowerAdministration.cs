using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Tower;

/// <summary>
/// The operator's read-only view of the tower (spec 5.1), shared by every admin call. Listings are paged by key
/// so a tower with millions of appointments never builds one huge answer.
/// </summary>
public sealed class TowerAdministration(
    ITowerStore store, TowerIdentity identity, IBitcoindReachability bitcoind, FeedLeadership leadership)
{
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 10_000;

    public static bool IsValidPageSize(int pageSize) => pageSize is >= 1 and <= MaxPageSize;

    /// <summary>Watched appointments and trackers together, in uuid order, after <paramref name="after"/>.</summary>
    public async Task<Page<AppointmentRecord>> GetAppointmentsAsync(AppointmentUuid? after, int pageSize, CancellationToken cancellationToken)
    {
        // One extra row tells whether another page exists without a second query.
        var rows = await store.GetAppointmentsAsync(after, pageSize + 1, cancellationToken);
        return ToPage(rows, pageSize);
    }

    /// <summary>Every user's appointment or tracker for one locator, in uuid order, after <paramref name="after"/>.</summary>
    public async Task<Page<AppointmentRecord>> GetAppointmentsAsync(
        Locator locator, AppointmentUuid? after, int pageSize, CancellationToken cancellationToken)
    {
        // One row per user who sent this locator: few enough to page in memory.
        var rows = await store.GetAppointmentsByLocatorAsync(locator, cancellationToken);
        var ordered = rows
            .Where(row => after is not { } cursor || row.Appointment.Uuid.Bytes.SequenceCompareTo(cursor.Bytes) > 0)
            .Order(Comparer<AppointmentRecord>.Create((a, b) => a.Appointment.Uuid.Bytes.SequenceCompareTo(b.Appointment.Uuid.Bytes)))
            .Take(pageSize + 1)
            .ToList();
        return ToPage(ordered, pageSize);
    }

    public async Task<TowerInfo> GetTowerInfoAsync(CancellationToken cancellationToken)
    {
        var counts = await store.GetCountsAsync(cancellationToken);
        var tip = await store.GetTipAsync(cancellationToken);
        return new TowerInfo(identity.TowerId, counts, bitcoind.IsReachable, tip, leadership.IsLeader);
    }

    public async Task<Page<UserId>> GetUsersAsync(UserId? after, int pageSize, CancellationToken cancellationToken)
    {
        var ids = await store.GetUserIdsAsync(after, pageSize + 1, cancellationToken);
        return ToPage(ids, pageSize);
    }

    /// <summary>
    /// The user's subscription and one page of its appointments (triggered ones included) in locator order, after
    /// <paramref name="after"/>, each with its uuid (spec 1.5).
    /// </summary>
    /// <returns>Null when the user is not registered.</returns>
    public async Task<UserDetails?> GetUserAsync(UserId userId, Locator? after, int pageSize, CancellationToken cancellationToken)
    {
        if (await store.GetSubscriptionAsync(userId, cancellationToken) is not { } subscription)
            return null;
        var locators = await store.GetLocatorsAsync(userId, cancellationToken);
        var page = locators
            .Where(locator => after is not { } cursor || locator.CompareTo(cursor) > 0)
            .Order()
            .Take(pageSize + 1)
            .Select(locator => new UserAppointment(locator, AppointmentUuid.Compute(locator, userId)))
            .ToList();
        return new UserDetails(subscription, ToPage(page, pageSize));
    }

    private static Page<T> ToPage<T>(IReadOnlyList<T> rows, int pageSize) =>
        rows.Count > pageSize ? new Page<T>(rows.Take(pageSize).ToArray(), HasMore: true) : new Page<T>(rows, HasMore: false);
}
