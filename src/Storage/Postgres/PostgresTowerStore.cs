using Microsoft.Extensions.Logging;
using Npgsql;
using Teos.Grains.Store;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

/// <summary>
/// The shared store for several silos: one PostgreSQL database. Every write is its own transaction on a pooled
/// connection; the server group-commits concurrent commits itself (one WAL flush for many), so no writer queue
/// is needed here, and synchronous_commit stays on: a write completes only once it is durable.
/// </summary>
public sealed class PostgresTowerStore : ITowerStore, IAsyncDisposable
{
    /// <summary>Attempts per write when PostgreSQL reports a serialization failure or a deadlock.</summary>
    public const int MaxAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    private PostgresTowerStore(NpgsqlDataSource dataSource, ILogger logger, int migrationsApplied)
    {
        _dataSource = dataSource;
        _logger = logger;
        MigrationsApplied = migrationsApplied;
    }

    /// <summary>Migrations this open applied (0 when the schema was already current, e.g. another silo did it).</summary>
    public int MigrationsApplied { get; }

    /// <summary>Connects with <paramref name="connectionString"/> (the --dbconnect value) and migrates the schema.</summary>
    public static async Task<PostgresTowerStore> OpenAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // The same few statements run all the time: let Npgsql prepare them, unless the operator chose otherwise.
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = 64;
        settings.ApplicationName ??= "teosd";
        var dataSource = builder.Build();
        try
        {
            var applied = await MigrationRunner.RunAsync(dataSource, logger, cancellationToken).ConfigureAwait(false);
            PostgresStoreLog.Opened(logger, settings.Database, settings.Host, MigrationRunner.KnownVersion);
            return new PostgresTowerStore(dataSource, logger, applied);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<T> WriteAsync<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await WriteOnceAsync(work, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                                              && attempt < MaxAttempts)
            {
                // The transaction was rolled back whole, so the work can run again from the start.
                PostgresStoreLog.Retrying(_logger, e.SqlState, attempt);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

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

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> WriteOnceAsync<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(new PostgresTowerTransaction(connection, cancellationToken), cancellationToken).ConfigureAwait(false);
        // Not cancellable: once the work is done, the caller learns the commit's real outcome.
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private static async Task<TowerCounts> CountAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the three counts agree. Every tracker keeps its appointment row.
        var counts = await connection.Command(
                "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM appointments), (SELECT count(*) FROM trackers)")
            .SingleOrDefaultAsync(reader => new TowerCounts(reader.GetInt64(0), reader.GetInt64(1) - reader.GetInt64(2), reader.GetInt64(2)), cancellationToken)
            .ConfigureAwait(false);
        return counts!;
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<List<T>>> read, CancellationToken cancellationToken) =>
        await ReadAsync(read, cancellationToken).ConfigureAwait(false);
}
