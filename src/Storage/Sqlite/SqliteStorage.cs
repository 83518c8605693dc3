using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;
using Teos.Storage.Hosting;
using Teos.Storage.Providers;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (typically <c>&lt;datadir&gt;/&lt;network&gt;/teos_db.sql3</c>) for one
/// silo. Every write of every provider and port goes through one group-committing writer; reads use pooled
/// read-only connections. The file is locked against a second teosd.
/// </summary>
public sealed class SqliteStorage : TeosStorage
{
    /// <summary>Writes per transaction at most: bounds the latency a large backlog adds to the first caller.</summary>
    public const int DefaultMaxBatch = 256;

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly DatabaseLock _lock;
    private readonly StoreConnection _writerConnection;
    private readonly GroupCommitWriter _writer;
    private readonly SqliteAccess _access;
    private int _disposed;

    private SqliteStorage(string path, ILogger logger, DatabaseLock databaseLock, StoreConnection writerConnection, GroupCommitWriter writer, SqliteAccess access, int migrationsApplied)
        : base(migrationsApplied, PartsOf(access))
    {
        _path = path;
        _logger = logger;
        _lock = databaseLock;
        _writerConnection = writerConnection;
        _writer = writer;
        _access = access;
    }

    public override long Commits => _writer.Commits;

    public override long Writes => _writer.Writes;

    public override long Statements => _writer.Statements;

    /// <summary>The writer and readers every provider and port uses.</summary>
    internal SqliteAccess Access => _access;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>, migrates it and checks its settings.</summary>
    /// <exception cref="DatabaseInUseException">Another teosd has the file open.</exception>
    /// <exception cref="StorageSettingsException">The database was made for another bucket width.</exception>
    public static SqliteStorage Open(string path, StorageOptions options, ILogger logger, int maxBatch = DefaultMaxBatch) =>
        Open(path, options, logger, maxBatch, upTo: null);

    /// <summary>The schema as an older teosd left it (<paramref name="upTo"/>): for upgrade tests.</summary>
    internal static SqliteStorage Open(string path, StorageOptions options, ILogger logger, int maxBatch, int? upTo)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var databaseLock = DatabaseLock.Acquire(path);
        StoreConnection? connection = null;
        try
        {
            CreateOwnerOnly(path);
            connection = StoreConnection.Open(path, readOnly: false);
            var applied = MigrationRunner.Run(connection, path, logger, options.ExpiryDelta, out var version, upTo);
            if (upTo is null)
                CheckSettings(connection, path, options);
            SqliteStoreLog.Opened(logger, path, version);
            // Commits do not sync; the flusher does, off the writer's thread, before any caller hears back.
            connection.Execute("PRAGMA synchronous = NORMAL");
            // Each appointment dirties a few random index pages. An 8 MiB cache keeps the indexes' upper levels in
            // memory instead of re-reading them. It is a fixed size, so resident memory does not follow the data's size.
            connection.Execute("PRAGMA cache_size = -8192");
            var walBound = new WalBound(connection, path, logger);
            walBound.Apply();
            var writer = new GroupCommitWriter(connection, WalFlusher.ForDatabase(path, logger), walBound, logger, maxBatch);
            var access = new SqliteAccess(writer, new ReaderPool(path, maxIdle: Environment.ProcessorCount * 2));
            return new SqliteStorage(path, logger, databaseLock, connection, writer, access, applied);
        }
        catch
        {
            connection?.Dispose();
            databaseLock.Dispose();
            throw;
        }
    }

    internal override void AddStateStorage(IServiceCollection services) =>
        services.AddKeyedSingleton<IGrainStorage>(
            StorageProviders.State,
            (provider, _) => new SqliteStateStorage(_access, new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>())));

    /// <summary>The "state" provider over this store, with the given serializer (the silo registers its own).</summary>
    internal IGrainStorage CreateStateStorage(IGrainStorageSerializer serializer) => new SqliteStateStorage(_access, serializer);

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        _access.Readers.Dispose();
        _writerConnection.Dispose();
        SqliteStoreLog.Closed(_logger, _path, _writer.Commits);
        _lock.Dispose();
    }

    private static StorageParts PartsOf(SqliteAccess access) => new(
        new TypedGrainStorage<AppointmentState, AppointmentUuid>(
            GrainKeys.Appointment,
            (tower, uuid, token) => access.ReadAsync(connection => AppointmentRows.Get(connection, tower, uuid), token),
            (tower, uuid, state, token) => access.WriteAsync(connection => AppointmentRows.Save(connection, tower, uuid, state), token),
            (tower, uuid, token) => access.WriteAsync(connection => AppointmentRows.Delete(connection, tower, uuid), token)),
        new TypedGrainStorage<UserState, UserId>(
            GrainKeys.User,
            (tower, user, token) => access.ReadAsync(connection => UserRows.Get(connection, tower, user), token),
            (tower, user, state, token) => access.WriteAsync(connection => UserRows.Save(connection, tower, user, state), token),
            (tower, user, token) => access.WriteAsync(connection => UserRows.Delete(connection, tower, user), token)),
        new SqliteGatekeeperRows(access),
        new SqliteLocatorRows(access),
        new SqliteRecentBlocks(access),
        new SqliteOperatorQueries(access),
        new SqliteTowerKeys(access),
        new SqliteLegacyRows(access));

    /// <summary>
    /// Creates a new database file owner-only (0600) before SQLite opens it: the file holds the tower key, and SQLite
    /// gives the -wal and -shm files the database's mode, so all three are owner-only whatever the process umask
    /// (teosd also sets 077 at start). An existing file keeps its mode; teosd's start-up fixes and reports that.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
            return;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        new FileStream(path, options).Dispose();
    }

    private static void CheckSettings(StoreConnection connection, string path, StorageOptions options)
    {
        var stored = connection.Command("SELECT value FROM teos_settings WHERE key = 'bucket_bits'").ExecuteScalar();
        StorageSettingsException.ThrowIfBucketBitsDiffer(path, stored is long bits ? bits : null, options.BucketBits);
    }
}
