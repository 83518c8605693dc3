using Microsoft.Extensions.Logging;
using Teos.Grains.Store;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, written by a single group-commit writer and read through
/// pooled read-only connections. It serves one silo; the file is locked against a second one.
/// </summary>
public sealed class SqliteTowerStore : ITowerStore, IAsyncDisposable
{
    /// <summary>Writes per transaction at most: bounds the latency a large backlog adds to the first caller.</summary>
    public const int DefaultMaxBatch = 256;

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly DatabaseLock _lock;
    private readonly GroupCommitWriter _writer;
    private readonly StoreConnection _writerConnection;
    private readonly ReaderPool _readers;
    private int _disposed;

    private SqliteTowerStore(string path, ILogger logger, DatabaseLock databaseLock, StoreConnection writerConnection, int maxBatch, int migrationsApplied)
    {
        _path = path;
        _logger = logger;
        _lock = databaseLock;
        _writerConnection = writerConnection;
        MigrationsApplied = migrationsApplied;
        // Commits no longer sync; the flusher does, off the writer's thread, before any caller hears back.
        writerConnection.Execute("PRAGMA synchronous = NORMAL");
        // Each appointment dirties a few random index pages. An 8 MiB cache keeps the indexes' upper levels in
        // memory instead of re-reading them. It is a fixed size, and stays small because it fills up to its size
        // with the locator index pages each block's match reads, and resident memory must not follow the data's size.
        writerConnection.Execute("PRAGMA cache_size = -8192");
        var walBound = new WalBound(writerConnection, path, logger);
        walBound.Apply();
        _writer = new GroupCommitWriter(writerConnection, WalFlusher.ForDatabase(path, logger), walBound, logger, maxBatch);
        _readers = new ReaderPool(path, maxIdle: Environment.ProcessorCount * 2);
    }

    /// <summary>Commits so far; with group commit, far fewer than writes.</summary>
    public long Commits => _writer.Commits;

    /// <summary>Migrations this open applied (0 when the schema was already current).</summary>
    public int MigrationsApplied { get; }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>, typically
    /// <c>&lt;datadir&gt;/&lt;network&gt;/teos_db.sql3</c>, and migrates it.
    /// </summary>
    /// <exception cref="DatabaseInUseException">Another store (another teosd) has the file open.</exception>
    public static SqliteTowerStore Open(string path, ILogger logger, int maxBatch = DefaultMaxBatch)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var databaseLock = DatabaseLock.Acquire(path);
        StoreConnection? connection = null;
        try
        {
            connection = StoreConnection.Open(path, readOnly: false);
            var applied = MigrationRunner.Run(connection, path, logger, out var version);
            SqliteStoreLog.Opened(logger, path, version);
            return new SqliteTowerStore(path, logger, databaseLock, connection, maxBatch, applied);
        }
        catch
        {
            connection?.Dispose();
            databaseLock.Dispose();
            throw;
        }
    }

    public Task<T> WriteAsync<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        _writer.Enqueue(work, cancellationToken);

    public Task<ChainTip?> GetTipAsync(CancellationToken cancellationToken) =>
        ReadAsync(ChainTipTable.Get, cancellationToken);

    public Task<Subscription?> GetSubscriptionAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadAsync(connection => UsersTable.Get(connection, userId)?.Subscription, cancellationToken);

    public Task<AppointmentRecord?> GetAppointmentAsync(AppointmentUuid uuid, CancellationToken cancellationToken) =>
        ReadAsync(connection => AppointmentsTable.Get(connection, uuid), cancellationToken);

    public Task<IReadOnlyList<Locator>> GetLocatorsAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadAsync(connection => AppointmentsTable.GetLocators(connection, userId), cancellationToken);

    public Task<long> CountAppointmentsAsync(CancellationToken cancellationToken) =>
        ReadAsync(AppointmentsTable.Count, cancellationToken);

    public Task<TowerCounts> GetCountsAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            connection =>
            {
                // One read transaction, so the three counts agree with each other.
                connection.Execute("BEGIN");
                try
                {
                    var trackers = TrackersTable.Count(connection);
                    // Every tracker keeps its appointment row (foreign key), so watched = rows - trackers.
                    return new TowerCounts(
                        UsersTable.Count(connection), AppointmentsTable.Count(connection) - trackers, trackers, TrackersTable.CountConfirmed(connection));
                }
                finally
                {
                    connection.Execute("COMMIT");
                }
            },
            cancellationToken);

    public Task<IReadOnlyList<UserId>> GetUserIdsAsync(UserId? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(connection => UsersTable.GetIds(connection, after, limit), cancellationToken);

    public Task<IReadOnlyList<AppointmentUuid>> GetAppointmentUuidsAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadAsync(connection => AppointmentsTable.GetUuids(connection, userId), cancellationToken);

    public Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsAsync(AppointmentUuid? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(connection => AppointmentsTable.GetPage(connection, after, limit), cancellationToken);

    public Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsByLocatorAsync(Locator locator, CancellationToken cancellationToken) =>
        ReadAsync(connection => AppointmentsTable.GetByLocator(connection, locator), cancellationToken);

    public Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken) =>
        WriteAsync(
            (_, _) =>
            {
                var key = KeysTable.GetNewest(_writerConnection);
                if (key is null)
                    KeysTable.Add(_writerConnection, candidateHex);
                return ValueTask.FromResult(key ?? candidateHex);
            },
            cancellationToken);

    public Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken) =>
        WriteAsync(
            (_, _) =>
            {
                KeysTable.Add(_writerConnection, secretKeyHex);
                return ValueTask.FromResult(true);
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
        _writerConnection.Dispose();
        SqliteStoreLog.Closed(_logger, _path, _writer.Commits);
        _lock.Dispose();
    }

    // Microsoft.Data.Sqlite is synchronous underneath; reads are short index lookups, so they run inline.
    private Task<T> ReadAsync<T>(Func<StoreConnection, T> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(_readers.Read(read));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(StorageFaults.Translate(exception));
        }
    }
}
