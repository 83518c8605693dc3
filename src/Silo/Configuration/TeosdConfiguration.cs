using System.Globalization;
using Microsoft.Extensions.Configuration;
using Teos.Api.Connections;
using Teos.Api.Limits;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Users;
using Teos.Silo.Bitcoind;

namespace Teos.Silo.Configuration;

/// <summary>
/// teosd's configuration with its precedence (spec 6.1): defaults &lt; `&lt;datadir&gt;/teos.toml` &lt; environment
/// (`TEOS_&lt;KEY&gt;`, e.g. TEOS_BTC_RPC_USER) &lt; command-line flags. `overwrite_key` and `force_update` are read
/// from the command line only, as teosd does.
/// </summary>
public sealed class TeosdConfiguration
{
    private readonly IConfiguration _values;

    private TeosdConfiguration(IConfiguration values, string? fileError)
    {
        _values = values;
        FileError = fileError;
    }

    /// <summary>Why teos.toml was ignored, if it was (teosd then falls back to the defaults).</summary>
    public string? FileError { get; }

    public static TeosdConfiguration Build(IReadOnlyList<string> args, IDictionary<string, string?>? environment = null)
    {
        var flags = CommandLineFlags.Parse(args);
        var env = ReadEnvironment(environment ?? AsDictionary(Environment.GetEnvironmentVariables()));
        var dataDir = new TeosdOptions { DataDir = flags.GetValueOrDefault("datadir") ?? env.GetValueOrDefault("datadir") ?? "~/.teos" }.ExpandedDataDir;

        var (file, fileError) = ReadFile(Path.Combine(dataDir, "teos.toml"));
        foreach (var cliOnly in new[] { "overwrite_key", "force_update" })
        {
            file.Remove(cliOnly);
            env.Remove(cliOnly);
        }

        var values = new ConfigurationBuilder()
            .AddInMemoryCollection(file)
            .AddInMemoryCollection(env)
            .AddInMemoryCollection(flags)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["datadir"] = dataDir })
            .Build();
        return new TeosdConfiguration(values, fileError);
    }

    public void Bind(TeosdOptions options)
    {
        options.DataDir = Str("datadir", options.DataDir);
        options.ApiBind = Str("api_bind", options.ApiBind);
        options.ApiPort = Int("api_port", options.ApiPort);
        options.RpcBind = Str("rpc_bind", options.RpcBind);
        options.RpcPort = Int("rpc_port", options.RpcPort);
        options.Debug = Bool("debug", options.Debug);
        options.OverwriteKey = Bool("overwrite_key", options.OverwriteKey);
        options.ForceUpdate = Bool("force_update", options.ForceUpdate);
        options.PollingDelta = Double("polling_delta", options.PollingDelta);
        options.DbConnect = Str("db_connect", options.DbConnect);
    }

    public void Bind(BitcoindOptions options)
    {
        options.Network = Str("btc_network", options.Network);
        options.RpcConnect = Str("btc_rpc_connect", options.RpcConnect);
        options.RpcPort = Int("btc_rpc_port", options.RpcPort);
        options.RpcUser = Str("btc_rpc_user", options.RpcUser);
        options.RpcPassword = Str("btc_rpc_password", options.RpcPassword);
        options.RpcCookie = Str("btc_rpc_cookie", options.RpcCookie);
    }

    public void Bind(SubscriptionOptions options)
    {
        options.SubscriptionSlots = UInt("subscription_slots", options.SubscriptionSlots);
        options.SubscriptionDuration = UInt("subscription_duration", options.SubscriptionDuration);
        options.ExpiryDelta = UInt("expiry_delta", options.ExpiryDelta);
    }

    public void Bind(WatcherOptions options)
    {
        options.MinToSelfDelay = UInt("min_to_self_delay", options.MinToSelfDelay);
        options.MaxAppointments = Int("max_appointments", (int)options.MaxAppointments);
        options.LocatorCacheSize = Int("locator_cache_size", options.LocatorCacheSize);
    }

    public void Bind(ConnectionLimitOptions options)
    {
        options.MaxConnections = Int("max_connections", options.MaxConnections);
        options.MaxConnectionsPerAddress = Int("max_connections_per_address", options.MaxConnectionsPerAddress);
        options.KeepAliveTimeout = TimeSpan.FromSeconds(Double("keep_alive_timeout", options.KeepAliveTimeout.TotalSeconds));
        options.RequestHeadersTimeout = TimeSpan.FromSeconds(Double("request_headers_timeout", options.RequestHeadersTimeout.TotalSeconds));
        options.MaxStreamsPerConnection = Int("max_streams_per_connection", options.MaxStreamsPerConnection);
    }

    public void Bind(RequestLimitOptions options)
    {
        options.MaxRegistrationsPerMinute = Int("max_registrations_per_minute", options.MaxRegistrationsPerMinute);
        options.TrustedProxies = Str("trusted_proxies", options.TrustedProxies);
        options.MinFreeDiskMib = Int("min_free_disk_mib", (int)options.MinFreeDiskMib);
        options.MinFreeDiskPercent = Double("min_free_disk_percent", options.MinFreeDiskPercent);
    }

    public void Bind(BlockFeedOptions options)
    {
        options.PollingInterval = TimeSpan.FromSeconds(Double("polling_delta", options.PollingInterval.TotalSeconds));
    }

    private string Str(string key, string fallback) => _values[key] ?? fallback;

    private bool Bool(string key, bool fallback) => _values[key] is { } value ? Parse(key, value, bool.Parse) : fallback;

    private int Int(string key, int fallback) =>
        _values[key] is { } value ? Parse(key, value, v => int.Parse(v, CultureInfo.InvariantCulture)) : fallback;

    private uint UInt(string key, uint fallback) =>
        _values[key] is { } value ? Parse(key, value, v => uint.Parse(v, CultureInfo.InvariantCulture)) : fallback;

    private double Double(string key, double fallback) =>
        _values[key] is { } value ? Parse(key, value, v => double.Parse(v, CultureInfo.InvariantCulture)) : fallback;

    private static T Parse<T>(string key, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidOperationException($"Invalid value '{value}' for {key}", e);
        }
    }

    private static (Dictionary<string, string?> Values, string? Error) ReadFile(string path)
    {
        if (!File.Exists(path))
            return (new Dictionary<string, string?>(), null);
        try
        {
            return (TomlFile.Parse(File.ReadAllText(path), path), null);
        }
        catch (FormatException e)
        {
            return (new Dictionary<string, string?>(), e.Message);
        }
    }

    private static Dictionary<string, string?> ReadEnvironment(IDictionary<string, string?> environment)
    {
        const string prefix = "TEOS_";
        return environment
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(pair => pair.Key[prefix.Length..].ToLowerInvariant(), pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string?> AsDictionary(System.Collections.IDictionary variables)
    {
        var result = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in variables)
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }
}
