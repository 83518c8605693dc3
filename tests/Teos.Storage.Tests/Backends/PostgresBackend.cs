using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Providers;
using Teos.Storage.Tests.Postgres;

namespace Teos.Storage.Tests.Backends;

/// <summary>A fresh database per store on the fixture's server; "state" is Orleans' Persistence.AdoNet over it.</summary>
public sealed class PostgresBackend(PostgresFixture postgres) : StorageBackend
{
    public const string ServiceId = "teos-tests";

    public override string Name => "PostgreSQL";

    public override async Task<TeosStorage> OpenAsync() =>
        await PostgresStorage.OpenAsync(await postgres.Server.CreateDatabaseAsync(), Options, NullLogger.Instance, CancellationToken.None);

    /// <summary>Orleans' provider behind the store's fault boundary, as <see cref="PostgresStorage"/> registers it.</summary>
    public override async Task<IGrainStorage> StateStorageAsync(TeosStorage storage) =>
        new FaultTranslatingGrainStorage(await AdoNetStateAsync(((PostgresStorage)storage).ConnectionString));

    /// <summary>Orleans' own provider configured as the silo configures it, initialized through its lifecycle stage.</summary>
    public static async Task<AdoNetGrainStorage> AdoNetStateAsync(string connectionString, string serviceId = ServiceId)
    {
        var options = new AdoNetGrainStorageOptions
        {
            Invariant = PostgresStorage.Invariant,
            ConnectionString = connectionString,
            GrainStorageSerializer = TestSerialization.GrainStorageSerializer,
        };
        var storage = new AdoNetGrainStorage(
            TestSerialization.Services.GetRequiredService<IActivatorProvider>(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "teos" }),
            "state");
        var lifecycle = new StartOnlyLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    public override async Task<long> ScalarAsync(TeosStorage storage, string sql)
    {
        await using var connection = new NpgsqlConnection(((PostgresStorage)storage).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task<TeosStorage> ReopenAsync(TeosStorage storage)
    {
        var database = ((PostgresStorage)storage).ConnectionString;
        await storage.DisposeAsync();
        return await PostgresStorage.OpenAsync(database, Options, NullLogger.Instance, CancellationToken.None);
    }

    /// <summary>A trigger on every table the store writes raises disk_full (SQLSTATE 53100), as a server out of disk does.</summary>
    public override async Task<IAsyncDisposable> FillUpAsync(TeosStorage storage)
    {
        var database = ((PostgresStorage)storage).ConnectionString;
        await ExecuteAsync(
            database,
            """
            CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$
            """);
        foreach (var table in FilledTables)
            await ExecuteAsync(database, $"CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION disk_full()");
        return new Undo(() => ExecuteAsync(database, "DROP FUNCTION disk_full() CASCADE"));
    }

    private static readonly string[] FilledTables = ["users", "appointments", "recent_blocks", "keys", "orleans_storage"];

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Collects what a provider subscribes to a silo's start, and starts it.</summary>
    private sealed class StartOnlyLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new CancellationTokenSource();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(entry => entry.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }
    }
}
