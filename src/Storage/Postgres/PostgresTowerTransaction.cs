using Npgsql;
using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

/// <summary>
/// One caller's work inside its own READ COMMITTED transaction. Several silos write at once, so two rules that
/// SQLite's single writer gives for free are made explicit here:
/// <list type="bullet">
/// <item>Slots: <see cref="GetSubscriptionForUpdateAsync"/> locks the user's row (SELECT ... FOR UPDATE) until
/// commit, so concurrent charges of one user queue up and each sees the previous one's result.</item>
/// <item>The locator cache: add_appointment stores the row, then looks for its breach in the cache; the block
/// transaction fills the cache, then looks for breached rows. Under READ COMMITTED both could miss each other's
/// uncommitted rows. So storing an appointment first takes an advisory lock in shared mode, and adding a block
/// to the cache takes it in exclusive mode, both until commit: either the appointment committed before the
/// block's breach query started (and is found there), or its cache lookup runs after the block committed (and
/// finds the breach). The locks are taken lazily by the two writes that need them, so the contract
/// (ITowerTransaction) stays backend-neutral and other transactions never touch the lock.</item>
/// </list>
/// </summary>
internal sealed class PostgresTowerTransaction(NpgsqlConnection connection, CancellationToken cancellationToken) : ITowerTransaction
{
    private CacheLockMode _cacheLock;

    public async ValueTask<ChainTip?> GetTipAsync() => await ChainTipTable.GetAsync(connection, cancellationToken).ConfigureAwait(false);

    public async ValueTask SetTipAsync(ChainTip tip) => await ChainTipTable.SetAsync(connection, tip, cancellationToken).ConfigureAwait(false);

    public async ValueTask AdvanceTipAsync(Txid expected, ChainTip next) =>
        await ChainTipTable.AdvanceAsync(connection, expected, next, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Subscription?> GetSubscriptionForUpdateAsync(UserId userId) =>
        await UsersTable.GetForUpdateAsync(connection, userId, cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveSubscriptionAsync(Subscription subscription) =>
        await UsersTable.SaveAsync(connection, subscription, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<UserId>> DeleteOutdatedUsersAsync(uint height, uint expiryDelta) =>
        await UsersTable.DeleteOutdatedAsync(connection, height, expiryDelta, cancellationToken).ConfigureAwait(false);

    public async ValueTask<StoredAppointmentState?> GetAppointmentStateAsync(AppointmentUuid uuid) =>
        await AppointmentsTable.GetStateAsync(connection, uuid, cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveAppointmentAsync(Appointment appointment)
    {
        // Shared: appointments never wait for each other, only for a block being added to the cache.
        await RunAsync(CacheLock(exclusive: false), AppointmentsTable.Save(appointment)).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<Appointment>> FindBreachedAsync(
        IReadOnlyCollection<Locator> rustLocators, IReadOnlyCollection<Locator> pythonLocators, uint height, uint expiryDelta) =>
        await BreachQuery.FindAsync(connection, rustLocators, pythonLocators, height, expiryDelta, cancellationToken).ConfigureAwait(false);

    public async ValueTask DeleteAppointmentsAsync(IReadOnlyCollection<AppointmentUuid> uuids, bool refund) =>
        await AppointmentsTable.DeleteAsync(connection, uuids, refund, cancellationToken).ConfigureAwait(false);

    public async ValueTask AddRecentBlockAsync(Txid blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        // Exclusive: waits for appointments being stored to commit, and holds new ones off until this commits.
        await RunAsync([CacheLock(exclusive: true), .. LocatorCacheTable.AddBlock(blockHash, height, transactions)]).ConfigureAwait(false);
    }

    public async ValueTask RemoveRecentBlockAsync(Txid blockHash) =>
        await LocatorCacheTable.RemoveBlockAsync(connection, blockHash, cancellationToken).ConfigureAwait(false);

    public async ValueTask RemoveRecentBlocksBelowAsync(uint height) =>
        await LocatorCacheTable.RemoveBelowAsync(connection, height, cancellationToken).ConfigureAwait(false);

    public async ValueTask<RecentBreach?> FindRecentBreachAsync(Locator locator, ClientProfile profile) =>
        await LocatorCacheTable.FindAsync(connection, locator, profile, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> InsertTrackerAsync(Tracker tracker) =>
        await TrackersTable.InsertAsync(connection, tracker, cancellationToken).ConfigureAwait(false);

    public async ValueTask UpdateTrackersAsync(IReadOnlyCollection<TrackerSummary> trackers) =>
        await TrackersTable.UpdateAsync(connection, trackers, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TrackerSummary>> GetTrackerSummariesAsync() =>
        await TrackersTable.GetSummariesAsync(connection, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<Tracker>> GetTrackersAsync(IReadOnlyCollection<AppointmentUuid> uuids) =>
        await TrackersTable.GetAsync(connection, uuids, cancellationToken).ConfigureAwait(false);

    /// <summary>The cache lock in that mode the first time this transaction needs it; null when already held.</summary>
    private NpgsqlBatchCommand? CacheLock(bool exclusive)
    {
        if (_cacheLock == CacheLockMode.Exclusive || (!exclusive && _cacheLock == CacheLockMode.Shared))
            return null;
        _cacheLock = exclusive ? CacheLockMode.Exclusive : CacheLockMode.Shared;
        var function = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        return Commands.BatchCommand($"SELECT {function}($1)", AdvisoryLocks.LocatorCache);
    }

    /// <summary>The statements in one round trip.</summary>
    private async Task RunAsync(params NpgsqlBatchCommand?[] commands)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            if (command is not null)
                batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private enum CacheLockMode
    {
        None,
        Shared,
        Exclusive,
    }
}
