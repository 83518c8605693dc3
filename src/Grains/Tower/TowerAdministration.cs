using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Tower;

/// <summary>
/// The operator's read-only view of the tower (spec 5.1), shared by every admin transport. Listings are paged by
/// key so a tower with millions of appointments never builds one huge answer.
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

    public Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsAsync(Locator locator, CancellationToken cancellationToken) =>
        store.GetAppointmentsByLocatorAsync(locator, cancellationToken);

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

    /// <returns>Null when the user is not registered.</returns>
    public async Task<UserDetails?> GetUserAsync(UserId userId, CancellationToken cancellationToken)
    {
        if (await store.GetSubscriptionAsync(userId, cancellationToken) is not { } subscription)
            return null;
        var uuids = await store.GetAppointmentUuidsAsync(userId, cancellationToken);
        var locators = await store.GetLocatorsAsync(userId, cancellationToken);
        return new UserDetails(subscription, uuids, locators);
    }

    private static Page<T> ToPage<T>(IReadOnlyList<T> rows, int pageSize) =>
        rows.Count > pageSize ? new Page<T>(rows.Take(pageSize).ToArray(), HasMore: true) : new Page<T>(rows, HasMore: false);
}
