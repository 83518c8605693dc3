using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Teos.Api;
using Teos.Api.Connections;
using Teos.Api.Limits;
using Teos.Api.Admin;
using Teos.Grains;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Tower;
using Teos.Grains.Users;
using Teos.Protocol.Signing;
using Teos.Silo.Admin;
using Teos.Silo.Bitcoind;
using Teos.Silo.Configuration;
using Teos.Silo.Feed;
using Teos.Silo.Keys;
using Teos.Silo.Operator;
using Teos.Silo.Startup;
using Teos.Silo.Storage;
using Teos.Storage.Hosting;

namespace Teos.Silo;

/// <summary>
/// Builds a teosd silo: configuration, store, tower key, bitcoind client, block feed and the public API, wired
/// for one process. Tests build it in-process the same way the executable does.
/// </summary>
public static partial class TeosHost
{
    public static async Task<WebApplication> BuildAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var configuration = TeosdConfiguration.Build(args);
        var teosd = Bound<TeosdOptions>(configuration.Bind);
        var bitcoind = Bound<BitcoindOptions>(configuration.Bind);
        var requestLimits = Bound<RequestLimitOptions>(configuration.Bind);
        requestLimits.Validate();
        var proxies = TrustedProxies.Parse(requestLimits.TrustedProxies);
        ListenerPorts.Validate(teosd);
        ClusterDetection.Validate(teosd);
        if (new BitcoindOptionsValidator().Validate(null, bitcoind) is { Failed: true } invalid)
            throw new StartupException(invalid.FailureMessage);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ConfigureLogging(builder.Logging, teosd);
        var loggers = LoggerFactory.Create(logging => ConfigureLogging(logging, teosd));
        var log = loggers.CreateLogger("teosd");
        foreach (var warning in configuration.Warnings)
            LogSettingIgnored(log, warning);

        DataDirectory.Prepare(teosd.ExpandedDataDir);
        // Before anything is created for the network: a mismatch must not leave a database and key behind.
        BlockchainInfo chain;
        using (var probe = new BitcoindRpcClient(Options.Create(bitcoind), loggers.CreateLogger<BitcoindRpcClient>()))
            chain = await EnsureBitcoindReadyAsync(probe, bitcoind, cancellationToken);
        var networkDir = Path.Combine(teosd.ExpandedDataDir, bitcoind.Chain);
        DataDirectory.Prepare(networkDir);
        var engine = Secp256k1Engines.Default;
        LogSigningEngine(log, engine.Name);
        var certificates = await AdminCertificates.EnsureAsync(teosd.ExpandedDataDir, log, cancellationToken);
        var connectionLimits = ConnectionLimits.Create(Bound<ConnectionLimitOptions>(configuration.Bind), proxies, log);
        var listeners = AdminListener.Configure(builder.WebHost, teosd, certificates, connectionLimits);
        listeners.DashboardOn = teosd.Dashboard;
        var operatorListener = OperatorListener.Configure(builder.WebHost, teosd, connectionLimits);

        var subscriptions = Bound<SubscriptionOptions>(configuration.Bind);
        var storage = await TowerStoreFactory.OpenAsync(teosd, subscriptions, networkDir, loggers, cancellationToken);
        try
        {
            DataDirectory.RestrictSecrets(teosd.ExpandedDataDir, networkDir, log);
            LogStorage(log, storage.Description);
            var identity = await TowerKeys.LoadOrCreateAsync(storage.Store.TowerKeys, engine, teosd.OverwriteKey, cancellationToken);
            LogTowerId(log, identity.TowerId.ToHex());

            builder.UseOrleans(silo => ConfigureSilo(silo, teosd, bitcoind, storage));
            AddTower(builder.Services, configuration, teosd, subscriptions, storage, identity, engine);
            builder.Services.AddSingleton(connectionLimits);
            builder.Services.AddTeosRequestLimits(requestLimits, proxies, storage.LocalDirectory is { } dataOnDisk
                ? new DiskWatermark(dataOnDisk, requestLimits.MinFreeDiskMib << 20, requestLimits.MinFreeDiskPercent, loggers.CreateLogger<DiskWatermark>())
                : DiskWatermark.None);
            builder.Services.AddTeosPublicApi();
            builder.Services.AddTeosAdminApi(listeners);
            builder.Services.AddTeosOperatorEndpoints(operatorListener);

            var app = builder.Build();
            app.Lifetime.ApplicationStopped.Register(() => storage.DisposeAsync().AsTask().GetAwaiter().GetResult());
            // bitcoind's first answer, until the probe's.
            app.Services.GetRequiredService<ChainView>().BitcoindAnswered(chain.Blocks);
            app.UseTeosOperatorEndpoints();
            app.UseTeosRequestLimits();
            app.MapTeosPublicApi();
            app.MapTeosAdminApi();
            if (teosd.Dashboard)
                app.MapOrleansDashboard(AdminPortGate.DashboardPath);
            return app;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the listeners and then the tower's background work (which waits for every listener to be bound, so
    /// nothing is announced as ready before). A port that cannot be bound is a <see cref="StartupException"/>.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (ListenerFailure.Describe(e, app.Services.GetRequiredService<TeosdOptions>()) is { } line)
        {
            throw new StartupException(line, e);
        }
    }

    /// <summary>
    /// The Orleans silo in this process (DESIGN.md section 4): on SQLite one silo with localhost clustering and
    /// in-memory reminders; on PostgreSQL the silos of one database find each other through ADO.NET clustering and
    /// share its reminder table. Cluster and service ids
    /// come from the network unless set; the service id scopes stored grain state, so it must not change.
    /// </summary>
    private static void ConfigureSilo(ISiloBuilder silo, TeosdOptions teosd, BitcoindOptions bitcoind, TowerStorage storage)
    {
        var clusterId = teosd.ClusterIdOn(bitcoind.Chain);
        var serviceId = teosd.ServiceIdOn(bitcoind.Chain);
        if (storage.Postgres is { } postgres)
        {
            silo.UseTeosClustering(postgres);
            silo.UseTeosReminders(postgres);
            var address = string.IsNullOrEmpty(teosd.SiloAddress) ? IPAddress.Loopback : IPAddress.Parse(teosd.SiloAddress);
            silo.ConfigureEndpoints(address, teosd.SiloPort, teosd.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (clusterId, serviceId));
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(teosd.ClusterProbeTimeout);
                // It defaults to 4 x ProbeTimeout, which would stretch detection back to many seconds.
                membership.MaxProbeTimeout = membership.ProbeTimeout;
                membership.NumMissedProbesLimit = teosd.ClusterMissedProbes;
                membership.NumVotesForDeathDeclaration = teosd.ClusterDeathVotes;
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(teosd.ClusterTableRefresh);
                // Staleness (heartbeat x missed heartbeats) admits a silo restarted on another endpoint than its killed
                // predecessor's: it joins only once every Active row answers its ping, and while joining it probes, so
                // can evict, only stale rows. (Orleans retires an older generation at once only on the same endpoint.)
                membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedTableIAmAliveLimit = 3;
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(teosd.ClusterResponseTimeout));
        }
        else
        {
            silo.UseLocalhostClustering(teosd.SiloPort, teosd.GatewayPort, serviceId: serviceId, clusterId: clusterId);
            // The one silo's keeper keeps the feed alive; a reminder lost with the process is registered again by the
            // feed it would have woken, so nothing needs it stored.
            silo.UseInMemoryReminderService();
        }

        silo.AddTeosStorage(storage.Store);
        if (teosd.Dashboard)
            silo.AddDashboard(dashboard => dashboard.HideTrace = true);
    }

    private static void AddTower(
        IServiceCollection services,
        TeosdConfiguration configuration,
        TeosdOptions teosd,
        SubscriptionOptions subscriptions,
        TowerStorage storage,
        TowerIdentity identity,
        ISecp256k1Engine engine)
    {
        services.AddSingleton(teosd);
        services.AddSingleton(storage);
        services.AddSingleton(identity);
        services.AddSingleton(new LightningMessageSigner(engine));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(subscriptions));
        services.AddSingleton(Options.Create(Bound<WatcherOptions>(configuration.Bind)));
        services.AddSingleton(Options.Create(Bound<BlockFeedOptions>(configuration.Bind)));
        services.AddBitcoind(configuration.Bind);
        services.AddSingleton<IBitcoindReachability>(provider => provider.GetRequiredService<BitcoindRpcClient>());
        services.AddTeosGrains();
        services.AddHostedService<ChainViewProbe>();
        services.AddHostedService<ReadyAnnouncer>();
    }

    /// <summary>
    /// Spec 4.7 step 3: refuse to watch a chain other than the configured one; and refuse a chain too short for
    /// the responder's 100-block index (a fresh regtest node), saying how to lengthen it.
    /// </summary>
    /// <returns>bitcoind's chain, its first answer.</returns>
    private static async Task<BlockchainInfo> EnsureBitcoindReadyAsync(IBitcoinNode node, BitcoindOptions bitcoind, CancellationToken cancellationToken)
    {
        var info = await NetworkCheck.EnsureSameNetworkAsync(node, bitcoind.Network, cancellationToken);
        if (info.Blocks >= BlockFeedGrain.MinimumStartHeight)
            return info;
        var hint = info.Chain == BitcoinNetwork.Regtest
            ? "mine some first, e.g. bitcoin-cli -regtest generatetoaddress 101 <address>"
            : "wait until bitcoind has synced";
        throw new StartupException(
            $"bitcoind ({bitcoind.Network}) is at height {info.Blocks}; the tower needs at least {BlockFeedGrain.MinimumStartHeight} blocks: {hint}");
    }

    private static T Bound<T>(Action<T> bind)
        where T : new()
    {
        var options = new T();
        bind(options);
        return options;
    }

    internal static void ConfigureLogging(ILoggingBuilder logging, TeosdOptions teosd)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        logging.SetMinimumLevel(teosd.Debug ? LogLevel.Debug : LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // Orleans reports its own start, membership and placement at Information: the operator's log stays the tower's.
        logging.AddFilter("Orleans", teosd.Debug ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        // "Hosting failed to start" with a stack trace: teosd says why in one line instead (StartupFailure).
        if (!teosd.Debug)
            logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Setting}")]
    private static partial void LogSettingIgnored(ILogger logger, string setting);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Signing engine: {Engine}")]
    private static partial void LogSigningEngine(ILogger logger, string engine);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "tower_id: {TowerId}")]
    private static partial void LogTowerId(ILogger logger, string towerId);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Storage: {Storage}")]
    private static partial void LogStorage(ILogger logger, string storage);
}
