using NBitcoin;
using Npgsql;
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

namespace Teos.Storage.Postgres;

/// <summary>
/// Work inside a READ COMMITTED transaction: one caller's alone, or several callers' one after another in a
/// group-commit batch (<see cref="Batched"/>). Several silos write at once, so two rules that SQLite's single
/// writer gives for free are made explicit here:
/// <list type="bullet">
/// <item>Slots: <see cref="GetSubscriptionForUpdateAsync"/> locks the user's row (SELECT ... FOR UPDATE) until
/// commit, so concurrent charges of one user queue up and each sees the previous one's result.</item>
/// <item>The locator cache: add_appointment stores the row, then looks for its breach in the cache; the block
/// transaction fills the cache, then looks for breached rows. Under READ COMMITTED both could miss each other's
/// uncommitted rows. So storing an appointment first takes an advisory lock in shared mode, and adding a block
/// to the cache (or removing one) takes it in exclusive mode, both until commit: either the appointment committed before the
/// block's breach query started (and is found there), or its cache lookup runs after the block committed (and
/// finds the breach). A lone transaction takes the lock lazily, by the two writes that need it; a batch holds
/// it in shared mode from its first statement (see <see cref="PostgresWriterLane"/>).</item>
/// </list>
/// In a batch, round trips are what limits throughput, so the per-request writes (user and appointment upserts)
/// are not sent at once: they travel with the next statement (usually the next item's user lock) or with the
/// batch's final flush. When a round trip fails, <see cref="LastRoundTripOwner"/> tells whose it was, if only one item's.
/// The user lock also brings back, in the same round trip, the tip and the state of the appointment the caller names,
/// for the reads that follow it in add_appointment: one round trip per appointment.
/// The locator cache lookup costs no round trip in a batch: the list of cached blocks comes back with the batch's
/// cache lock, and what they hold is in the silo's <see cref="RecentBlockMemory"/>.
/// A batch runs only the per-request writes (add_appointment, registration, late responses). The block feed's
/// writes take the cache lock exclusively or touch many users at once; inside a batch they would wait for the
/// batch's own siblings elsewhere, so there they throw <see cref="OwnTransactionRequiredException"/> and run alone.
/// </summary>
internal sealed class PostgresTowerTransaction : ITowerTransaction
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationToken _cancellationToken;
    private readonly RecentBlockMemory _recentBlocks;
    private readonly IReadOnlyList<RecentBlock>? _cachedBlocks;
    private readonly List<(NpgsqlBatchCommand Command, int Item)> _deferred = [];
    private CacheLockMode _cacheLock;
    private int _item;

    // What the last user lock brought back in its round trip: each is used once, and only until a statement is sent.
    private bool _tipRead;
    private ChainTip? _tip;
    private AppointmentUuid? _stateRead;
    private StoredAppointmentState? _state;

    // The user row the current item last locked, with its key, for the writes that follow (KeyedSubscription).
    // Forgotten when the next item starts, so an item only ever writes through a key it read itself, and when
    // users are deleted.
    private KeyedSubscription? _locked;

    private PostgresTowerTransaction(
        NpgsqlConnection connection,
        RecentBlockMemory recentBlocks,
        IReadOnlyList<RecentBlock>? cachedBlocks,
        CacheLockMode cacheLock,
        CancellationToken cancellationToken)
    {
        _connection = connection;
        _recentBlocks = recentBlocks;
        _cachedBlocks = cachedBlocks;
        Batched = cachedBlocks is not null;
        _cacheLock = cacheLock;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True when several callers' work shares this transaction.</summary>
    public bool Batched { get; }

    /// <summary>Statements sent since <see cref="StartItem"/>: zero means the current work has changed nothing yet.</summary>
    public int ItemStatements { get; private set; }

    /// <summary>One caller's work in its own transaction.</summary>
    public static PostgresTowerTransaction Alone(NpgsqlConnection connection, RecentBlockMemory recentBlocks, CancellationToken cancellationToken) =>
        new(connection, recentBlocks, cachedBlocks: null, CacheLockMode.None, cancellationToken);

    /// <summary>
    /// A batch: takes the cache lock in shared mode and lists the cached blocks, in one round trip with BEGIN.
    /// Until the batch commits no block can join or leave the cache (that takes the lock exclusively), so the list
    /// holds for every item.
    /// </summary>
    public static async Task<PostgresTowerTransaction> BatchAsync(NpgsqlConnection connection, RecentBlockMemory recentBlocks, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Commands.BatchCommand("SELECT pg_advisory_xact_lock_shared($1)", AdvisoryLocks.LocatorCache));
        batch.BatchCommands.Add(LocatorCacheTable.List());
        IReadOnlyList<RecentBlock> cached;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            cached = await LocatorCacheTable.ReadListAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        return new PostgresTowerTransaction(connection, recentBlocks, cached, CacheLockMode.Shared, cancellationToken);
    }

    /// <summary>The work of the batch's item number <paramref name="item"/> starts.</summary>
    public void StartItem(int item)
    {
        _item = item;
        ItemStatements = 0;
        ForgetLockReads();
        _locked = null;
    }

    /// <summary>
    /// The item whose statements alone made up the last round trip, so a failure there is its own; null when that
    /// round trip also carried other items' deferred writes (PostgreSQL does not say which statement failed).
    /// </summary>
    public int? LastRoundTripOwner { get; private set; }

    /// <summary>Sends the writes still deferred; the batch calls it before COMMIT.</summary>
    public async Task FlushAsync()
    {
        if (_deferred.Count == 0)
            return;
        StartRoundTrip(_deferred[0].Item);
        await Commands.Run(_connection, _deferred.Select(deferred => deferred.Command), _cancellationToken).ConfigureAwait(false);
        _deferred.Clear();
    }

    public async ValueTask<ChainTip?> GetTipAsync()
    {
        if (_tipRead)
        {
            // Read right after the user lock, in the same round trip, and nothing has been sent since.
            _tipRead = false;
            return _tip;
        }

        return await ChainTipTable.GetAsync(await StatementAsync().ConfigureAwait(false), _cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SetTipAsync(ChainTip tip) =>
        await ChainTipTable.SetAsync(await BlockStatementAsync().ConfigureAwait(false), tip, _cancellationToken).ConfigureAwait(false);

    public async ValueTask AdvanceTipAsync(uint256 expected, ChainTip next) =>
        await ChainTipTable.AdvanceAsync(await BlockStatementAsync().ConfigureAwait(false), expected, next, _cancellationToken).ConfigureAwait(false);

    public async ValueTask<Subscription?> GetSubscriptionForUpdateAsync(UserId userId, AppointmentUuid? readNext = null)
    {
        if (!Batched)
            return Remember(await UsersTable.GetForUpdateAsync(await StatementAsync().ConfigureAwait(false), userId, _cancellationToken).ConfigureAwait(false));

        // One round trip: the writes deferred so far, the lock, the tip and the appointment's state. The state is
        // read after the lock is granted (statements run in order), so it is as fresh as a read sent later.
        ItemStatements++;
        ForgetLockReads();
        StartRoundTrip(_item);
        KeyedSubscription? found;
        ChainTip? tip;
        StoredAppointmentState? state = null;
        await using (var batch = new NpgsqlBatch(_connection))
        {
            foreach (var (command, _) in _deferred)
                batch.BatchCommands.Add(command);
            batch.BatchCommands.Add(UsersTable.GetForUpdate(userId));
            batch.BatchCommands.Add(ChainTipTable.Get());
            if (readNext is { } uuid)
                batch.BatchCommands.Add(AppointmentsTable.GetState(uuid));
            await using var reader = await batch.ExecuteReaderAsync(_cancellationToken).ConfigureAwait(false);
            await reader.NextRowsAsync(first: true, _cancellationToken).ConfigureAwait(false);
            found = await UsersTable.ReadLocked(reader, userId, _cancellationToken).ConfigureAwait(false);
            await reader.NextRowsAsync(first: false, _cancellationToken).ConfigureAwait(false);
            tip = await ChainTipTable.ReadAsync(reader, _cancellationToken).ConfigureAwait(false);
            if (readNext is not null)
            {
                await reader.NextRowsAsync(first: false, _cancellationToken).ConfigureAwait(false);
                state = await AppointmentsTable.ReadStateAsync(reader, _cancellationToken).ConfigureAwait(false);
            }
        }

        _deferred.Clear();
        if (found is null)
        {
            // A first registration: the slow path locks the missing row's key, then reads again.
            return Remember(await UsersTable.GetForUpdateAsync(_connection, userId, _cancellationToken).ConfigureAwait(false));
        }

        (_tip, _tipRead) = (tip, true);
        (_state, _stateRead) = (state, readNext);
        return Remember(found);
    }

    private Subscription? Remember(KeyedSubscription? locked)
    {
        _locked = locked;
        return locked?.Subscription;
    }

    public async ValueTask SaveSubscriptionAsync(Subscription subscription)
    {
        var key = _locked?.KeyOf(subscription.UserId);
        if (Batched)
            Defer(UsersTable.Save(subscription, key));
        else
            await UsersTable.SaveAsync(await StatementAsync().ConfigureAwait(false), subscription, key, _cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<UserId>> DeleteOutdatedUsersAsync(uint height, uint expiryDelta)
    {
        _locked = null;
        return await UsersTable.DeleteOutdatedAsync(await BlockStatementAsync().ConfigureAwait(false), height, expiryDelta, _cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StoredAppointmentState?> GetAppointmentStateAsync(AppointmentUuid uuid)
    {
        if (_stateRead == uuid)
        {
            _stateRead = null;
            return _state;
        }

        return await AppointmentsTable.GetStateAsync(await StatementAsync().ConfigureAwait(false), uuid, _cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SaveAppointmentAsync(Appointment appointment)
    {
        // A batch holds the cache lock in shared mode already.
        var save = AppointmentsTable.Save(appointment, _locked?.KeyOf(appointment.UserId));
        if (Batched)
        {
            Defer(save);
            return;
        }

        // Shared: appointments never wait for each other, only for a block being added to the cache.
        await RunAsync(CacheLock(exclusive: false), save).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<Appointment>> FindBreachedAsync(
        IReadOnlyCollection<Locator> rustLocators, IReadOnlyCollection<Locator> pythonLocators, uint height, uint expiryDelta) =>
        await BreachQuery.FindAsync(await BlockStatementAsync().ConfigureAwait(false), rustLocators, pythonLocators, height, expiryDelta, _cancellationToken).ConfigureAwait(false);

    public async ValueTask DeleteAppointmentsAsync(IReadOnlyCollection<AppointmentUuid> uuids, bool refund) =>
        await AppointmentsTable.DeleteAsync(await StatementAsync().ConfigureAwait(false), uuids, refund, _cancellationToken).ConfigureAwait(false);

    public async ValueTask AddRecentBlockAsync(uint256 blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        await BlockStatementAsync().ConfigureAwait(false);
        // Exclusive: waits for appointments being stored to commit, and holds new ones off until this commits.
        await RunAsync([CacheLock(exclusive: true), .. LocatorCacheTable.AddBlock(blockHash, height, transactions)]).ConfigureAwait(false);
    }

    // Exclusive, as when a block is added: a batch's list of cached blocks stays true until it commits.
    public async ValueTask RemoveRecentBlockAsync(uint256 blockHash)
    {
        await BlockStatementAsync().ConfigureAwait(false);
        await RunAsync(CacheLock(exclusive: true), LocatorCacheTable.RemoveBlock(blockHash)).ConfigureAwait(false);
    }

    public async ValueTask RemoveRecentBlocksBelowAsync(uint height)
    {
        await BlockStatementAsync().ConfigureAwait(false);
        await RunAsync(CacheLock(exclusive: true), LocatorCacheTable.RemoveBelow(height)).ConfigureAwait(false);
    }

    public async ValueTask<RecentBreach?> FindRecentBreachAsync(Locator locator, ClientProfile profile)
    {
        // Alone, the list is read now: SaveAppointmentAsync took the cache lock before, so it cannot change either.
        var cached = _cachedBlocks
            ?? await LocatorCacheTable.ListAsync(await StatementAsync().ConfigureAwait(false), _cancellationToken).ConfigureAwait(false);
        return await _recentBlocks.FindAsync(cached, locator, profile, FetchTxidsAsync).ConfigureAwait(false);
    }

    public async ValueTask<bool> InsertTrackerAsync(Tracker tracker) =>
        await TrackersTable.InsertAsync(await StatementAsync().ConfigureAwait(false), tracker, _cancellationToken).ConfigureAwait(false);

    public async ValueTask UpdateTrackersAsync(IReadOnlyCollection<TrackerSummary> trackers) =>
        await TrackersTable.UpdateAsync(await BlockStatementAsync().ConfigureAwait(false), trackers, _cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TrackerSummary>> GetTrackerSummariesAsync() =>
        await TrackersTable.GetSummariesAsync(await BlockStatementAsync().ConfigureAwait(false), _cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<Tracker>> GetTrackersAsync(IReadOnlyCollection<AppointmentUuid> uuids) =>
        await TrackersTable.GetAsync(await StatementAsync().ConfigureAwait(false), uuids, _cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A cached block this silo has not unpacked yet, once per block. The deferred writes need not go first: the
    /// read touches only the cache's rows, which nothing in a batch writes.
    /// </summary>
    private async ValueTask<byte[]?> FetchTxidsAsync(uint256 blockHash)
    {
        ItemStatements++;
        ForgetLockReads();
        LastRoundTripOwner = _item;
        return await LocatorCacheTable.TxidsAsync(_connection, blockHash, _cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection for one more statement of the current work, once the deferred writes are sent.</summary>
    private async ValueTask<NpgsqlConnection> StatementAsync()
    {
        ItemStatements++;
        ForgetLockReads();
        await FlushAsync().ConfigureAwait(false);
        StartRoundTrip(_item);
        return _connection;
    }

    /// <summary>As <see cref="StatementAsync"/>, for the block feed's writes, which never share a batch.</summary>
    private ValueTask<NpgsqlConnection> BlockStatementAsync()
    {
        if (Batched)
            throw new OwnTransactionRequiredException();
        return StatementAsync();
    }

    private void ForgetLockReads()
    {
        _tipRead = false;
        _stateRead = null;
    }

    private void StartRoundTrip(int item) =>
        LastRoundTripOwner = _deferred.All(deferred => deferred.Item == item) ? item : null;

    private void Defer(NpgsqlBatchCommand command)
    {
        ItemStatements++;
        ForgetLockReads();
        _deferred.Add((command, _item));
    }

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
        await StatementAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(_connection);
        foreach (var command in commands)
        {
            if (command is not null)
                batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(_cancellationToken).ConfigureAwait(false);
    }

    private enum CacheLockMode
    {
        None,
        Shared,
        Exclusive,
    }
}
