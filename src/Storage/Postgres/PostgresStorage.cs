using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;
using Teos.Storage.Hosting;
using Teos.Storage.Providers;

namespace Teos.Storage.Postgres;

/// <summary>
/// The shared store for several silos: one PostgreSQL database (the --dbconnect value). Appointment and user writes
/// are group-committed by a few writer lanes (<see cref="PostgresGroupCommitWriter"/>); every caller completes only
/// once its commit is durable (synchronous_commit stays on). The "state" grain storage is Orleans' Persistence.AdoNet
/// over the schema teosd's own migration 0008 creates, as are clustering and reminders.
/// </summary>
public sealed class PostgresStorage : TeosStorage
{
    /// <summary>Writer connections: one commits while the next batch's statements run on the other.</summary>
    public const int DefaultWriterLanes = 2;

    /// <summary>Most writes per transaction.</summary>
    public const int DefaultMaxBatch = 64;

    /// <summary>The ADO.NET invariant of Npgsql, as Orleans' providers name it.</summary>
    public const string Invariant = "Npgsql";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresGroupCommitWriter _writer;

    private PostgresStorage(NpgsqlDataSource dataSource, PostgresGroupCommitWriter writer, int migrationsApplied)
        : base(migrationsApplied, PartsOf(new PostgresAccess(dataSource, writer)))
    {
        _dataSource = dataSource;
        _writer = writer;
    }

    /// <summary>The connection string the store and Orleans' ADO.NET providers use.</summary>
    public string ConnectionString => _dataSource.ConnectionString;

    public override long Commits => _writer.Commits;

    public override long Writes => _writer.Writes;

    public override long Statements => _writer.Statements;

    /// <summary>Connects with <paramref name="connectionString"/>, migrates the schema and checks its settings.</summary>
    /// <exception cref="StorageSettingsException">The database was made for another bucket width.</exception>
    public static Task<PostgresStorage> OpenAsync(
        string connectionString,
        StorageOptions options,
        ILogger logger,
        CancellationToken cancellationToken,
        int writerLanes = DefaultWriterLanes,
        int maxBatch = DefaultMaxBatch) =>
        OpenAsync(connectionString, options, logger, writerLanes, maxBatch, upTo: null, cancellationToken);

    /// <summary>The schema as an older teosd left it (<paramref name="upTo"/>): for upgrade tests.</summary>
    internal static async Task<PostgresStorage> OpenAsync(
        string connectionString, StorageOptions options, ILogger logger, int writerLanes, int maxBatch, int? upTo, CancellationToken cancellationToken)
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
            var applied = await MigrationRunner.RunAsync(dataSource, logger, options.ExpiryDelta, cancellationToken, upTo).ConfigureAwait(false);
            if (upTo is null)
                await CheckSettingsAsync(dataSource, settings.Database, options, cancellationToken).ConfigureAwait(false);
            PostgresStoreLog.Opened(logger, settings.Database, settings.Host, upTo ?? MigrationRunner.KnownVersion);
            return new PostgresStorage(dataSource, new PostgresGroupCommitWriter(dataSource, logger, writerLanes, maxBatch), applied);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Orleans' Persistence.AdoNet over migration 0008's tables, with Orleans' binary serializer, behind the store's
    /// fault boundary (<see cref="FaultTranslatingGrainStorage"/>): its registration is wrapped where Orleans made it.
    /// </summary>
    internal override void AddStateStorage(IServiceCollection services)
    {
        services.AddAdoNetGrainStorage(
            StorageProviders.State,
            options => options.Configure<Serializer>((adoNet, serializer) =>
            {
                adoNet.Invariant = Invariant;
                adoNet.ConnectionString = ConnectionString;
                adoNet.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        var adoNet = services.Last(service =>
            service.IsKeyedService && service.ServiceType == typeof(IGrainStorage) && Equals(service.ServiceKey, StorageProviders.State));
        var create = adoNet.KeyedImplementationFactory
            ?? throw new InvalidOperationException("Orleans registered its ADO.NET grain storage without a factory");
        services.Remove(adoNet);
        services.AddKeyedSingleton<IGrainStorage>(
            StorageProviders.State, (provider, key) => new FaultTranslatingGrainStorage((IGrainStorage)create(provider, key)));
    }

    /// <summary>
    /// Reads the locator indexes into PostgreSQL's shared buffers, best effort (<see cref="LocatorIndexWarmUp"/>): worth
    /// running in the background when a silo starts, before the buckets activate and the blocks probe them.
    /// </summary>
    public Task<long?> WarmLocatorIndexesAsync(ILogger logger, CancellationToken cancellationToken) =>
        LocatorIndexWarmUp.RunAsync(ConnectionString, logger, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static StorageParts PartsOf(PostgresAccess access) => new(
        new TypedGrainStorage<AppointmentState, AppointmentUuid>(
            GrainKeys.Appointment,
            (tower, uuid, token) => access.ReadAsync((connection, read) => AppointmentRows.GetAsync(connection, tower, uuid, read), token),
            (tower, uuid, state, token) => access.WriteAsync(() => [AppointmentRows.Save(tower, uuid, state)], token),
            (tower, uuid, token) => access.WriteAsync(() => [AppointmentRows.Delete(tower, uuid)], token)),
        new TypedGrainStorage<UserState, UserId>(
            GrainKeys.User,
            (tower, user, token) => access.ReadAsync((connection, read) => UserRows.GetAsync(connection, tower, user, read), token),
            (tower, user, state, token) => access.WriteAsync(() => [UserRows.Save(tower, user, state)], token),
            (tower, user, token) => access.WriteAsync(() => [UserRows.Delete(tower, user)], token)),
        new PostgresGatekeeperRows(access),
        new PostgresLocatorRows(access),
        new PostgresRecentBlocks(access),
        new PostgresOperatorQueries(access),
        new PostgresTowerKeys(access),
        new PostgresLegacyRows(access));

    private static async Task CheckSettingsAsync(NpgsqlDataSource dataSource, string? database, StorageOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await connection.Command("SELECT value FROM teos_settings WHERE key = 'bucket_bits'")
            .ListAsync(reader => reader.GetInt64(0), cancellationToken).ConfigureAwait(false);
        StorageSettingsException.ThrowIfBucketBitsDiffer(database ?? "(default)", stored.Count == 0 ? null : stored[0], options.BucketBits);
    }
}
