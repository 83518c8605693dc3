using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Storage;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Tower;

/// <summary>
/// The operator's read-only view of the tower (spec 5.1), shared by every admin call. Listings are paged by key so
/// a tower with millions of appointments never builds one huge answer; trackers come from their grains.
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
        return await WithTrackersAsync(ToPage(rows, pageSize));
    }

    /// <summary>Every user's appointment or tracker for one locator, in uuid order, after <paramref name="after"/>.</summary>
    public async Task<Page<AppointmentRecord>> GetAppointmentsAsync(
        Locator locator, AppointmentUuid? after, int pageSize, CancellationToken cancellationToken)
    {
        // One row per user who sent this locator: few enough to page in memory.
        var rows = await queries.GetAppointmentsByLocatorAsync(_tower, locator, cancellationToken);
        var ordered = rows
            .Where(row => after is not { } cursor || row.Uuid.Bytes.SequenceCompareTo(cursor.Bytes) > 0)
            .Order(Comparer<StoredAppointment>.Create((a, b) => a.Uuid.Bytes.SequenceCompareTo(b.Uuid.Bytes)))
            .Take(pageSize + 1)
            .ToList();
        return await WithTrackersAsync(ToPage(ordered, pageSize));
    }

    public async Task<TowerInfo> GetTowerInfoAsync(CancellationToken cancellationToken)
    {
        var counts = await queries.GetCountsAsync(_tower, cancellationToken);
        var feed = await GetFeedReportAsync();
        return new TowerInfo(identity.TowerId, counts, bitcoind.IsReachable, chain.Current, feed, feed?.Silo == silo.SiloAddress);
    }

    /// <summary>Every silo the membership table lists (the dead ones until they are cleaned up), and the feed's report.</summary>
    public async Task<ClusterReport> GetClusterAsync(CancellationToken cancellationToken)
    {
        var hosts = grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var feed = await GetFeedReportAsync();
        var silos = (await hosts.WaitAsync(cancellationToken)).Select(SiloReport.Of).OrderBy(s => s.StartTime).ToList();
        return new ClusterReport(silos, feed, silo.SiloAddress);
    }

    public async Task<Page<UserId>> GetUsersAsync(UserId? after, int pageSize, CancellationToken cancellationToken) =>
        ToPage(await queries.GetUserIdsAsync(_tower, after, pageSize + 1, cancellationToken), pageSize);

    /// <summary>
    /// The user's subscription and one page of its appointments (triggered ones included) in locator order, after
    /// <paramref name="after"/>, each with its uuid (spec 1.5).
    /// </summary>
    /// <returns>Null when the user is not registered.</returns>
    public async Task<UserDetails?> GetUserAsync(UserId userId, Locator? after, int pageSize, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IUserGrain>(_tower.Scope(userId.ToHex())).GetSubscription() is not { } subscription)
            return null;
        var owned = await gatekeeperRows.GetUserAppointmentsAsync(_tower, userId, cancellationToken);
        var page = owned
            .Where(row => after is not { } cursor || row.Locator.CompareTo(cursor) > 0)
            .OrderBy(row => row.Locator)
            .Take(pageSize + 1)
            .Select(row => new UserAppointment(row.Locator, row.Uuid))
            .ToList();
        return new UserDetails(subscription, ToPage(page, pageSize));
    }

    private async Task<FeedReport?> GetFeedReportAsync()
    {
        try
        {
            return await grains.GetGrain<IBlockFeedGrain>(0).GetReport();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The feed is moving between silos: report what this silo knows.
            return null;
        }
    }

    private static Page<T> ToPage<T>(IReadOnlyList<T> rows, int pageSize) =>
        rows.Count > pageSize ? new Page<T>(rows.Take(pageSize).ToArray(), HasMore: true) : new Page<T>(rows, HasMore: false);

    private async Task<Page<AppointmentRecord>> WithTrackersAsync(Page<StoredAppointment> page) =>
        new(await Task.WhenAll(page.Items.Select(async row => new AppointmentRecord(
                row.Uuid,
                row.State,
                row.State.Triggered ? await grains.GetGrain<ITrackerGrain>(_tower.Scope(row.Uuid.ToHex())).GetView() : null))),
            page.HasMore);
}
