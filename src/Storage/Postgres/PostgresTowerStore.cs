using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.Store;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

/// <summary>
/// The shared store for several silos: one PostgreSQL database. Writes are group-committed by a few writer lanes
/// (<see cref="PostgresGroupCommitWriter"/>): many callers' work per transaction, one commit, and every caller
/// completes only once that commit is durable (synchronous_commit stays on). Reads use pooled connections.
/// </summary>
public sealed class PostgresTowerStore : ITowerStore, IAsyncDisposable
{
    /// <summary>Attempts per write when PostgreSQL reports a serialization failure or a deadlock.</summary>
    public const int MaxAttempts = PostgresGroupCommitWriter.MaxAttempts;

    /// <summary>Writer connections: one commits while the next batch's statements run on the other.</summary>
    public const int DefaultWriterLanes = 2;

    /// <summary>Most writes per transaction: bounds the time users' rows stay locked by one batch.</summary>
    public const int DefaultMaxBatch = 64;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGroupCommitWriter _writer;

    private PostgresTowerStore(NpgsqlDataSource dataSource, ILogger logger, int migrationsApplied, int writerLanes, int maxBatch)
    {
        _dataSource = dataSource;
        _writer = new PostgresGroupCommitWriter(dataSource, logger, writerLanes, maxBatch);
        MigrationsApplied = migrationsApplied;
    }

    /// <summary>Migrations this open applied (0 when the schema was already current, e.g. another silo did it).</summary>
    public int MigrationsApplied { get; }

    /// <summary>Connects with <paramref name="connectionString"/> (the --dbconnect value) and migrates the schema.</summary>
    public static async Task<PostgresTowerStore> OpenAsync(
        string connectionString,
        ILogger logger,
        CancellationToken cancellationToken,
        int writerLanes = DefaultWriterLanes,
        int maxBatch = DefaultMaxBatch)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // The same few statements run all the time: let Npgsql prepare them, unless the operator chose otherwise.
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = 64;
        settings.ApplicationName ??= "teosd";
        // teosd leaves no session state on a connection (only transaction-scoped locks, no SET), so the reset a
        // pooled connection gets when it returns (DISCARD ALL, which also drops the prepared statements) is waste.
        settings.NoResetOnClose = true;
        var dataSource = builder.Build();
        try
        {
            var applied = await MigrationRunner.RunAsync(dataSource, logger, cancellationToken).ConfigureAwait(false);
            PostgresStoreLog.Opened(logger, settings.Database, settings.Host, MigrationRunner.KnownVersion);
            return new PostgresTowerStore(dataSource, logger, applied, writerLanes, maxBatch);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Batches committed by the writer lanes so far.</summary>
    public long Commits => _writer.Commits;

    public Task<T> WriteAsync<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        _writer.Enqueue(work, cancellationToken);

    public Task<ChainTip?> GetTipAsync(CancellationToken cancellationToken) =>
        ReadAsync(ChainTipTable.GetAsync, cancellationToken);

    public Task<Subscription?> GetSubscriptionAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => UsersTable.GetAsync(connection, userId, ct), cancellationToken);

    public Task<AppointmentRecord?> GetAppointmentAsync(AppointmentUuid uuid, CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => AppointmentsTable.GetAsync(connection, uuid, ct), cancellationToken);

    public Task<IReadOnlyList<Locator>> GetLocatorsAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadListAsync((connection, ct) => AppointmentsTable.GetLocatorsAsync(connection, userId, ct), cancellationToken);

    public Task<long> CountAppointmentsAsync(CancellationToken cancellationToken) =>
        ReadAsync(AppointmentsTable.CountAsync, cancellationToken);

    public Task<TowerCounts> GetCountsAsync(CancellationToken cancellationToken) =>
        ReadAsync(CountAllAsync, cancellationToken);

    public Task<IReadOnlyList<UserId>> GetUserIdsAsync(UserId? after, int limit, CancellationToken cancellationToken) =>
        ReadListAsync((connection, ct) => UsersTable.GetIdsAsync(connection, after, limit, ct), cancellationToken);

    public Task<IReadOnlyList<AppointmentUuid>> GetAppointmentUuidsAsync(UserId userId, CancellationToken cancellationToken) =>
        ReadListAsync((connection, ct) => AppointmentsTable.GetUuidsAsync(connection, userId, ct), cancellationToken);

    public Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsAsync(AppointmentUuid? after, int limit, CancellationToken cancellationToken) =>
        ReadListAsync((connection, ct) => AppointmentsTable.GetPageAsync(connection, after, limit, ct), cancellationToken);

    public Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsByLocatorAsync(Locator locator, CancellationToken cancellationToken) =>
        ReadListAsync((connection, ct) => AppointmentsTable.GetByLocatorAsync(connection, locator, ct), cancellationToken);

    public async Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.Command("SELECT pg_advisory_xact_lock($1)", AdvisoryLocks.TowerKey).RunAsync(cancellationToken).ConfigureAwait(false);
        var key = await KeysTable.GetNewestAsync(connection, cancellationToken).ConfigureAwait(false);
        if (key is null)
            await KeysTable.AddAsync(connection, candidateHex, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return key ?? candidateHex;
    }

    public async Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await KeysTable.AddAsync(connection, secretKeyHex, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<TowerCounts> CountAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the three counts agree. Every tracker keeps its appointment row.
        var counts = await connection.Command(
                "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM appointments), (SELECT count(*) FROM trackers), " +
                "(SELECT count(*) FROM trackers WHERE confirmed)")
            .SingleOrDefaultAsync(
                reader => new TowerCounts(reader.GetInt64(0), reader.GetInt64(1) - reader.GetInt64(2), reader.GetInt64(2), reader.GetInt64(3)),
                cancellationToken)
            .ConfigureAwait(false);
        return counts!;
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFaults.IsFault(exception))
        {
            throw StorageFaults.Translate(exception);
        }
    }

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<List<T>>> read, CancellationToken cancellationToken) =>
        await ReadAsync(read, cancellationToken).ConfigureAwait(false);
}
