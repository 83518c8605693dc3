using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Tower;

/// <summary>
/// The operator's read-only view of the tower (spec 5.1), shared by every admin transport. Listings are paged by
/// key so a tower with millions of appointments never builds one huge answer; trackers come from their grains.
/// </summary>
public sealed class TowerAdministration(
    IOperatorQueries queries,
    IGatekeeperRows gatekeeperRows,
    IGrainFactory grains,
    TowerIdentity identity,
    IBitcoindReachability bitcoind,
    ChainTipCache chain,
    ILocalSiloDetails silo)
{
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 10_000;

    private readonly TowerKey _tower = TowerKey.Default;

    public static bool IsValidPageSize(int pageSize) => pageSize is >= 1 and <= MaxPageSize;

    /// <summary>Watched appointments and trackers together, in uuid order, after <paramref name="after"/>.</summary>
    public async Task<Page<AppointmentRecord>> GetAppointmentsAsync(AppointmentUuid? after, int pageSize, CancellationToken cancellationToken)
    {
        // One extra row tells whether another page exists without a second query.
        var rows = await queries.GetAppointmentsAsync(_tower, after, pageSize + 1, cancellationToken);
        var page = rows.Count > pageSize ? rows.Take(pageSize).ToList() : rows;
        return new Page<AppointmentRecord>(await WithTrackersAsync(page), HasMore: rows.Count > pageSize);
    }

    public async Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsAsync(Locator locator, CancellationToken cancellationToken) =>
        await WithTrackersAsync(await queries.GetAppointmentsByLocatorAsync(_tower, locator, cancellationToken));

    public async Task<TowerInfo> GetTowerInfoAsync(CancellationToken cancellationToken)
    {
        var counts = await queries.GetCountsAsync(_tower, cancellationToken);
        FeedReport? feed;
        try
        {
            feed = await grains.GetGrain<IBlockFeedGrain>(0).GetReport();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The feed is moving between silos: report what this silo knows.
            feed = null;
        }

        return new TowerInfo(identity.TowerId, counts, bitcoind.IsReachable, chain.Current, feed, feed?.Silo == silo.SiloAddress);
    }

    public async Task<Page<UserId>> GetUsersAsync(UserId? after, int pageSize, CancellationToken cancellationToken)
    {
        var ids = await queries.GetUserIdsAsync(_tower, after, pageSize + 1, cancellationToken);
        return ids.Count > pageSize ? new Page<UserId>(ids.Take(pageSize).ToArray(), HasMore: true) : new Page<UserId>(ids, HasMore: false);
    }

    /// <returns>Null when the user is not registered.</returns>
    public async Task<UserDetails?> GetUserAsync(UserId userId, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IUserGrain>(_tower.Scope(userId.ToHex())).GetSubscription() is not { } subscription)
            return null;
        var owned = await gatekeeperRows.GetUserAppointmentsAsync(_tower, userId, cancellationToken);
        return new UserDetails(subscription, owned.Select(o => o.Uuid).ToArray(), owned.Select(o => o.Locator).ToArray());
    }

    private async Task<IReadOnlyList<AppointmentRecord>> WithTrackersAsync(IReadOnlyList<StoredAppointment> rows) =>
        await Task.WhenAll(rows.Select(async row => new AppointmentRecord(
            row.Uuid,
            row.State,
            row.State.Triggered ? await grains.GetGrain<ITrackerGrain>(_tower.Scope(row.Uuid.ToHex())).GetView() : null)));
}
