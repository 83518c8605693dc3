using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NBitcoin;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Server;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Signing;
using Teos.Silo.Bitcoind;
using Teos.Storage.Hosting;
using Teos.Storage.Sqlite;
using Xunit;

namespace Teos.Grains.Tests.Cluster;

/// <summary>
/// Two silos on Orleans' in-process test cluster, assembled as teosd assembles one (TeosHost.ConfigureSilo and
/// AddTower): the grains with their per-silo services, one shared SQLite store (the cluster's database) registered in
/// both, and each silo's real bitcoind client pointed at an in-process simulator. The block feed polls every 100 ms.
/// The ports and the bitcoind client are wrapped so that tests count reads and broadcasts, and can hold a write.
/// </summary>
public class TowerCluster : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly SubscriptionOptions _subscriptions;
    private string _dataDir = null!;

    public TowerCluster()
        : this(new SubscriptionOptions())
    {
    }

    protected TowerCluster(SubscriptionOptions subscriptions)
    {
        _subscriptions = subscriptions;
    }

    public BitcoindSimServer Bitcoind { get; private set; } = null!;

    public RegtestChain Chain => Bitcoind.Chain;

    public SqliteStorage Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public StoreReads Reads { get; } = new();

    public Broadcasts Broadcasts { get; } = new();

    public WriteHold Holds { get; } = new();

    public LoadHold BucketLoads { get; } = new();

    public LogLines Log { get; } = new();

    public TowerIdentity Identity { get; } = new(SecretKey.Generate());

    public SubscriptionOptions Subscriptions => _subscriptions;

    public IServiceProvider Silo(int index) => Cluster.Silos[index].ServiceProvider;

    public AppointmentRequests AppointmentRequests(int silo) => Silo(silo).GetRequiredService<AppointmentRequests>();

    public UserRequests UserRequests(int silo) => Silo(silo).GetRequiredService<UserRequests>();

    public IUserGrain User(ClusterUser user) => Grains.GetGrain<IUserGrain>(TowerKey.Default.Scope(user.Id.ToHex()));

    public IAppointmentGrain Appointment(ClusterUser user, Locator locator) =>
        Grains.GetGrain<IAppointmentGrain>(TowerKey.Default.Scope(user.UuidOf(locator).ToHex()));

    public ITrackerGrain Tracker(ClusterUser user, Locator locator) =>
        Grains.GetGrain<ITrackerGrain>(TowerKey.Default.Scope(user.UuidOf(locator).ToHex()));

    public ILocatorBucketGrain Bucket(int bucket) =>
        Grains.GetGrain<ILocatorBucketGrain>(TowerKey.Default.Scope(bucket.ToString(CultureInfo.InvariantCulture)));

    public ILocatorBucketGrain Bucket(Locator locator) => Bucket(LocatorBucket.Of(locator));

    /// <summary>Activates a bucket (if it is not) by a call that changes nothing: no cached block has hash zero.</summary>
    public Task ActivateAsync(ILocatorBucketGrain bucket) => bucket.Disconnect(uint256.Zero);

    /// <summary>The user's appointment rows as the store holds them (read past the counted ports).</summary>
    public Task<IReadOnlyList<OwnedAppointment>> StoredRowsAsync(ClusterUser user) =>
        Storage.GatekeeperRows.GetUserAppointmentsAsync(TowerKey.Default, user.Id, CancellationToken.None);

    public async Task InitializeAsync()
    {
        Bitcoind = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 110 });
        _dataDir = Directory.CreateTempSubdirectory("teos-grain-tests-").FullName;
        Storage = SqliteStorage.Open(Path.Combine(_dataDir, "teos_db.sql3"), new StorageOptions { ExpiryDelta = _subscriptions.ExpiryDelta }, NullLogger.Instance);

        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Logging.ClearProviders();
            host.Logging.AddProvider(Log);
            host.Logging.SetMinimumLevel(LogLevel.Information);
        });
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await WaitForTipAsync();

        // The feed warms every bucket in the background after it starts; tests that count reads start after it.
        await Wait.UntilAsync(() => Task.FromResult(Log.Count("locator buckets warm") > 0), "the locator buckets warm");
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Storage.DisposeAsync();
        await Bitcoind.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Only a temporary directory left behind.
        }
    }

    /// <summary>Registers (or renews) the user through <paramref name="silo"/>'s request handler.</summary>
    public async Task<Subscription> RegisterAsync(ClusterUser user, int silo = 0) =>
        (await UserRequests(silo).RegisterAsync(user.Id, Protocol.Profiles.ClientProfile.Rust, CancellationToken.None))!.Subscription;

    /// <summary>Mines on the simulator and waits until both silos know the new tip (the feed processed every block).</summary>
    public async Task<IReadOnlyList<uint256>> MineAsync(int blocks, IReadOnlyList<Transaction>? transactions = null, bool includeMempool = true)
    {
        var hashes = Chain.Mine(blocks, transactions, includeMempool);
        await WaitForTipAsync();
        return hashes;
    }

    /// <summary>Deactivates a grain that is active (asserted, so that a test never deactivates nothing by mistake).</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        Assert.True(Cluster.TryGetGrainContext(grain.GetGrainId(), out _), $"{grain.GetGrainId()} is not active");
        await Cluster.DeactivateAsync(grain);
        Assert.False(Cluster.TryGetGrainContext(grain.GetGrainId(), out _), $"{grain.GetGrainId()} is still active");
    }

    /// <summary>The silo the grain is active on, or null.</summary>
    public SiloAddress? Host(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>
    /// A block driver of its own on <paramref name="silo"/>, loaded as a feed activation loads one: what a second feed
    /// activation (or the same one after a crash before its tip write) would run a block through.
    /// </summary>
    public async Task<BlockDriver> DriverAsync(int silo)
    {
        var services = Silo(silo);
        var driver = new BlockDriver(
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<IRecentBlocks>(),
            services.GetRequiredService<ILocatorRows>(),
            services.GetRequiredService<IGatekeeperRows>(),
            services.GetRequiredService<TowerMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<BlockDriver>());
        await driver.LoadAsync(CancellationToken.None);
        return driver;
    }

    /// <summary>Waits until every running silo's chain view is the simulator's tip.</summary>
    public Task WaitForTipAsync()
    {
        var tip = Chain.Tip.Block.GetHash();
        return Wait.UntilAsync(
            () => Task.FromResult(Cluster.Silos.All(s => s.ServiceProvider.GetRequiredService<ChainTipCache>().Current.Hash == tip)),
            $"every silo at tip {Chain.Height}");
    }

    private void ConfigureSilo(ISiloBuilder silo)
    {
        // As TeosHost.ConfigureSilo on SQLite: the store's providers and ports, reminders in memory.
        silo.AddTeosStorage(Storage);
        silo.UseInMemoryReminderService();

        // As TeosHost.AddTower.
        var services = silo.Services;
        services.AddMetrics();
        services.AddSingleton(Identity);
        services.AddSingleton(LightningMessageSigner.Default);
        services.AddSingleton(Options.Create(_subscriptions));
        services.AddSingleton(Options.Create(new WatcherOptions()));
        services.AddSingleton(Options.Create(new BlockFeedOptions { PollingInterval = TimeSpan.FromMilliseconds(100) }));
        services.AddBitcoind(options =>
        {
            options.Network = "regtest";
            options.RpcConnect = "127.0.0.1";
            options.RpcPort = Bitcoind.Port;
            options.RpcUser = "user";
            options.RpcPassword = "pass";
            options.RequestTimeout = TimeSpan.FromSeconds(5);
            options.RetryInitialDelay = TimeSpan.FromMilliseconds(50);
            options.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
            options.RetryBudget = TimeSpan.FromSeconds(1);
        });
        services.AddSingleton<IBitcoindReachability>(provider => provider.GetRequiredService<BitcoindRpcClient>());
        services.AddTeosGrains();

        // The test's windows on the boundaries: counted reads and broadcasts, holdable appointment writes and bucket loads.
        services.AddSingleton<IBitcoinNode>(provider => new CountedBitcoinNode(provider.GetRequiredService<BitcoindRpcClient>(), Broadcasts));
        services.AddSingleton<ILocatorRows>(new CountedLocatorRows(Storage.LocatorRows, Reads, BucketLoads));
        services.AddSingleton<IGatekeeperRows>(new CountedGatekeeperRows(Storage.GatekeeperRows, Reads));
        services.AddKeyedSingleton<IGrainStorage>(StorageProviders.Appointments, new CountedGrainStorage(Storage.Appointments, "appointments", Reads, Holds));
        services.AddKeyedSingleton<IGrainStorage>(StorageProviders.Users, new CountedGrainStorage(Storage.Users, "users", Reads));
    }
}
