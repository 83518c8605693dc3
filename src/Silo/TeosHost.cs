using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Teos.Api;
using Teos.Api.Connections;
using Teos.Api.Limits;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Signing;
using Teos.Silo.Admin;
using Teos.Silo.Bitcoind;
using Teos.Silo.Configuration;
using Teos.Silo.Feed;
using Teos.Silo.Keys;
using Teos.Silo.Storage;

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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ConfigureLogging(builder.Logging, teosd);

        var loggers = LoggerFactory.Create(logging => ConfigureLogging(logging, teosd));
        var log = loggers.CreateLogger("teosd");
        if (configuration.FileError is { } fileError)
            LogConfigFileIgnored(log, fileError);

        var engine = Secp256k1Engines.Default;
        LogSigningEngine(log, engine.Name);
        var requestLimits = Bound<RequestLimitOptions>(configuration.Bind);
        var proxies = TrustedProxies.Parse(requestLimits.TrustedProxies);
        var connectionLimits = ConnectionLimits.Create(Bound<ConnectionLimitOptions>(configuration.Bind), proxies, log);
        var certificates = await AdminCertificates.EnsureAsync(teosd.ExpandedDataDir, log, cancellationToken);
        var listeners = AdminListener.Configure(builder.WebHost, teosd, certificates, connectionLimits);

        var bitcoind = Bound<BitcoindOptions>(configuration.Bind);
        var networkDir = Path.Combine(teosd.ExpandedDataDir, bitcoind.Chain);
        Directory.CreateDirectory(networkDir);
        var storage = await TowerStoreFactory.OpenAsync(teosd, networkDir, loggers, cancellationToken);
        var store = storage.Store;
        LogStorage(log, storage.Description);
        var identity = await TowerKeys.LoadOrCreateAsync(store, engine, teosd.OverwriteKey, cancellationToken);
        LogTowerId(log, identity.TowerId.ToHex());

        var services = builder.Services;
        services.AddSingleton(teosd);
        services.AddSingleton(store);
        services.AddSingleton(storage.FeedLease);
        services.AddSingleton(identity);
        services.AddSingleton(new LightningMessageSigner(engine));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(Bound<SubscriptionOptions>(configuration.Bind)));
        services.AddSingleton(Options.Create(Bound<WatcherOptions>(configuration.Bind)));
        services.AddSingleton(Options.Create(Bound<BlockFeedOptions>(configuration.Bind)));
        services.AddBitcoind(configuration.Bind);
        services.AddSingleton<Gatekeeper>();
        services.AddSingleton<Watcher>();
        services.AddSingleton<AppointmentCount>();
        services.AddSingleton<LateAppointmentResponder>();
        services.AddSingleton<TransactionIndex>(_ => new TransactionIndex());
        services.AddSingleton<Carrier>();
        services.AddSingleton<Responder>();
        services.AddSingleton<BlockProcessor>();
        services.AddSingleton<IBlockListener>(provider => provider.GetRequiredService<BlockProcessor>());
        services.AddSingleton<ChainFollower>();
        services.AddSingleton<FeedLeadership>();
        services.AddSingleton<IBitcoindReachability>(provider => provider.GetRequiredService<BitcoindRpcClient>());
        services.AddSingleton<ChainView>();
        services.AddSingleton<IChainView>(provider => provider.GetRequiredService<ChainView>());
        services.AddHostedService<BlockFeedService>();
        services.AddHostedService<ChainViewProbe>();
        services.AddSingleton(connectionLimits);
        services.AddTeosRequestLimits(requestLimits, proxies, storage.LocalDirectory is { } dataOnDisk
            ? new DiskWatermark(dataOnDisk, requestLimits.MinFreeDiskMib << 20, requestLimits.MinFreeDiskPercent, loggers.CreateLogger<DiskWatermark>())
            : DiskWatermark.None);
        services.AddTeosPublicApi();
        services.AddTeosAdminApi(listeners);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => storage.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.UseTeosRequestLimits();
        app.MapTeosPublicApi();
        app.MapTeosAdminApi();
        await EnsureSameNetworkAsync(app, bitcoind, cancellationToken);
        return app;
    }

    /// <summary>Spec 4.7 step 3: refuse to watch a chain other than the configured one. Its answer is bitcoind's first.</summary>
    private static async Task EnsureSameNetworkAsync(WebApplication app, BitcoindOptions bitcoind, CancellationToken cancellationToken)
    {
        var node = app.Services.GetRequiredService<IBitcoinNode>();
        var info = await NetworkCheck.EnsureSameNetworkAsync(node, bitcoind.Network, cancellationToken);
        app.Services.GetRequiredService<ChainView>().BitcoindAnswered(info.Blocks);
    }

    private static T Bound<T>(Action<T> bind)
        where T : new()
    {
        var options = new T();
        bind(options);
        return options;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, TeosdOptions teosd)
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
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "teos.toml ignored, using defaults: {Reason}")]
    private static partial void LogConfigFileIgnored(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Signing engine: {Engine}")]
    private static partial void LogSigningEngine(ILogger logger, string engine);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "tower_id: {TowerId}")]
    private static partial void LogTowerId(ILogger logger, string towerId);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Storage: {Storage}")]
    private static partial void LogStorage(ILogger logger, string storage);
}
