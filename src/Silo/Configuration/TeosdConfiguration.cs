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
/// from the command line only, as teosd does. Unlike rust-teos, a file that does not parse or holds an unknown key
/// is refused (never replaced by defaults); rust-teos settings Teos does not implement, and unknown TEOS_*
/// variables, are reported in <see cref="Warnings"/>.
/// </summary>
public sealed class TeosdConfiguration
{
    private const string EnvironmentPrefix = "TEOS_";

    private readonly IConfiguration _values;

    private TeosdConfiguration(IConfiguration values, IReadOnlyList<string> warnings)
    {
        _values = values;
        Warnings = warnings;
    }

    /// <summary>Settings accepted but without effect, one line each, for the log.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <exception cref="ArgumentException">A bad command line.</exception>
    /// <exception cref="Startup.StartupException">teos.toml does not parse or holds an unknown key.</exception>
    public static TeosdConfiguration Build(IReadOnlyList<string> args, IDictionary<string, string?>? environment = null)
    {
        var warnings = new List<string>();
        var flags = CommandLineFlags.Parse(args);
        var env = ReadEnvironment(environment ?? AsDictionary(Environment.GetEnvironmentVariables()), warnings);
        var dataDir = new TeosdOptions { DataDir = flags.GetValueOrDefault("datadir") ?? env.GetValueOrDefault("datadir") ?? "~/.teos" }.ExpandedDataDir;
        var file = ReadFile(Path.Combine(dataDir, "teos.toml"), warnings);
        foreach (var key in flags.Keys.Where(key => ConfigurationKeys.NotImplemented.ContainsKey(key)))
            warnings.Add($"{ConfigurationKeys.Flag(key)} ignored: {ConfigurationKeys.NotImplemented[key]}");

        foreach (var cliOnly in ConfigurationKeys.CommandLineOnly)
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
        return new TeosdConfiguration(values, warnings);
    }

    public void Bind(TeosdOptions options)
    {
        options.DataDir = Str("datadir", options.DataDir);
        options.ApiBind = Str("api_bind", options.ApiBind);
        options.ApiPort = Int("api_port", options.ApiPort);
        options.RpcBind = Str("rpc_bind", options.RpcBind);
        options.RpcPort = Int("rpc_port", options.RpcPort);
        options.MetricsBind = Str("metrics_bind", options.MetricsBind);
        options.MetricsPort = Int("metrics_port", options.MetricsPort);
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

    private static Dictionary<string, string?> ReadFile(string path, List<string> warnings)
    {
        if (!File.Exists(path))
            return new Dictionary<string, string?>();

        Dictionary<string, string?> values;
        try
        {
            values = TomlFile.Parse(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new Startup.StartupException($"{e.Message}: fix {path} (teosd does not start on defaults instead)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Startup.StartupException($"cannot read {path}: {e.Message}", e);
        }

        foreach (var key in values.Keys.ToList())
        {
            if (ConfigurationKeys.NotImplemented.TryGetValue(key.ToLowerInvariant(), out var why))
            {
                warnings.Add($"{path}: {key} ignored: {why}");
                values.Remove(key);
            }
            else if (string.Equals(key, "datadir", StringComparison.OrdinalIgnoreCase))
            {
                throw new Startup.StartupException($"{path}: datadir cannot be set in the file it lives in: use --datadir or TEOS_DATADIR");
            }
            else if (!ConfigurationKeys.IsImplemented(key))
            {
                throw new Startup.StartupException(
                    $"{path}: unknown key '{key}' (did you mean '{ConfigurationKeys.Nearest(key)}'?): fix or remove it");
            }
        }

        return values;
    }

    /// <summary>TEOS_&lt;KEY&gt; variables; others starting with TEOS_ are reported, since environments carry all sorts.</summary>
    private static Dictionary<string, string?> ReadEnvironment(IDictionary<string, string?> environment, List<string> warnings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment.Where(pair => pair.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var key = name[EnvironmentPrefix.Length..].ToLowerInvariant();
            if (ConfigurationKeys.IsImplemented(key))
                values[key] = value;
            else if (ConfigurationKeys.NotImplemented.TryGetValue(key, out var why))
                warnings.Add($"{name} ignored: {why}");
            else
                warnings.Add($"{name} ignored: not a teosd setting (did you mean {EnvironmentPrefix}{ConfigurationKeys.Nearest(key).ToUpperInvariant()}?)");
        }

        return values;
    }

    private static Dictionary<string, string?> AsDictionary(System.Collections.IDictionary variables)
    {
        var result = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in variables)
            result[(string)entry.Key] = entry.Value as string;
        return result;
    }
}
