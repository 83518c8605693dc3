using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;
using Teos.Storage.LocatorCache;
using Teos.Storage.Users;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The writer connection seen by one work item, inside its savepoint. There is a single writer, so a row read
/// here cannot change under the caller before its transaction ends: "for update" needs no lock of its own.
/// SQLite calls are synchronous; the ValueTasks complete at once. <paramref name="recentBlocks"/> is the writer's
/// memory of the cached blocks' transactions.
/// </summary>
internal sealed class SqliteTowerTransaction(StoreConnection connection, RecentBlockMemory recentBlocks) : ITowerTransaction
{
    // The user row the current item last read for update, with its key, for the writes that follow
    // (KeyedSubscription). Per item: a row read in a batch that later rolled back may be gone.
    private KeyedSubscription? _locked;

    /// <summary>The writer connection, for tests that set its limits (a full database without a full disk).</summary>
    internal StoreConnection Connection => connection;

    /// <summary>The writer starts another work item on this connection.</summary>
    public void StartItem() => _locked = null;

    public ValueTask<ChainTip?> GetTipAsync() => new(ChainTipTable.Get(connection));

    public ValueTask SetTipAsync(ChainTip tip)
    {
        ChainTipTable.Set(connection, tip);
        return ValueTask.CompletedTask;
    }

    public ValueTask AdvanceTipAsync(uint256 expected, ChainTip next)
    {
        ChainTipTable.Advance(connection, expected, next);
        return ValueTask.CompletedTask;
    }

    // The single writer needs no lock, and a read costs no round trip: readNext is read when asked.
    public ValueTask<Subscription?> GetSubscriptionForUpdateAsync(UserId userId, AppointmentUuid? readNext = null)
    {
        _locked = UsersTable.Get(connection, userId);
        return new(_locked?.Subscription);
    }

    public ValueTask SaveSubscriptionAsync(Subscription subscription)
    {
        UsersTable.Save(connection, subscription, _locked?.KeyOf(subscription.UserId));
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<UserId>> DeleteOutdatedUsersAsync(uint height, uint expiryDelta)
    {
        _locked = null;
        return new(UsersTable.DeleteOutdated(connection, height, expiryDelta));
    }

    public ValueTask<StoredAppointmentState?> GetAppointmentStateAsync(AppointmentUuid uuid) =>
        new(AppointmentsTable.GetState(connection, uuid));

    public ValueTask SaveAppointmentAsync(Appointment appointment)
    {
        AppointmentsTable.Save(connection, appointment, _locked?.KeyOf(appointment.UserId));
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<Appointment>> FindBreachedAsync(
        IReadOnlyCollection<Locator> rustLocators,
        IReadOnlyCollection<Locator> pythonLocators,
        uint height,
        uint expiryDelta) =>
        new(BreachQuery.Find(connection, rustLocators, pythonLocators, height, expiryDelta));

    public ValueTask DeleteAppointmentsAsync(IReadOnlyCollection<AppointmentUuid> uuids, bool refund)
    {
        AppointmentsTable.Delete(connection, uuids, refund);
        return ValueTask.CompletedTask;
    }

    public ValueTask AddRecentBlockAsync(uint256 blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        LocatorCacheTable.AddBlock(connection, blockHash, height, transactions);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveRecentBlockAsync(uint256 blockHash)
    {
        LocatorCacheTable.RemoveBlock(connection, blockHash);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveRecentBlocksBelowAsync(uint height)
    {
        LocatorCacheTable.RemoveBelow(connection, height);
        return ValueTask.CompletedTask;
    }

    public ValueTask<RecentBreach?> FindRecentBreachAsync(Locator locator, ClientProfile profile) =>
        recentBlocks.FindAsync(LocatorCacheTable.List(connection), locator, profile, hash => new(LocatorCacheTable.Txids(connection, hash)));

    public ValueTask<bool> InsertTrackerAsync(Tracker tracker) => new(TrackersTable.Insert(connection, tracker));

    public ValueTask UpdateTrackersAsync(IReadOnlyCollection<TrackerSummary> trackers)
    {
        TrackersTable.Update(connection, trackers);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TrackerSummary>> GetTrackerSummariesAsync() => new(TrackersTable.GetSummaries(connection));

    public ValueTask<IReadOnlyList<Tracker>> GetTrackersAsync(IReadOnlyCollection<AppointmentUuid> uuids) =>
        new(TrackersTable.Get(connection, uuids));
}
