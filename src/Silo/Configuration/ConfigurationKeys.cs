namespace Teos.Silo.Configuration;

/// <summary>
/// Every setting teosd knows, by its config-file key (spec 6.1): the keys Teos reads, and the rust-teos keys Teos
/// accepts but does not implement. A key in neither list is refused (teos.toml, flags) or warned about
/// (TEOS_* variables), naming the nearest known key, so a misspelling never passes silently.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Keys Teos reads. <c>datadir</c> comes from flags or the environment only.</summary>
    public static readonly IReadOnlyList<string> Implemented =
    [
        "datadir", "api_bind", "api_port", "rpc_bind", "rpc_port", "metrics_bind", "metrics_port", "btc_network",
        "btc_rpc_user", "btc_rpc_password", "btc_rpc_cookie", "btc_rpc_connect", "btc_rpc_port", "debug", "deps_debug",
        "overwrite_key", "force_update", "polling_delta", "db_connect", "subscription_slots", "subscription_duration",
        "expiry_delta", "min_to_self_delay", "max_appointments", "locator_cache_size",
        "max_connections", "max_connections_per_address", "keep_alive_timeout", "request_headers_timeout",
        "max_streams_per_connection", "max_registrations_per_minute", "trusted_proxies", "min_free_disk_mib",
        "min_free_disk_percent",
    ];

    /// <summary>rust-teos keys Teos accepts, with why they do nothing here (one warning each at start).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotImplemented = new Dictionary<string, string>
    {
        ["tor_support"] = "Teos does not publish the API as a Tor onion service (docs/DEVIATIONS.md)",
        ["tor_control_port"] = "Teos does not publish the API as a Tor onion service (docs/DEVIATIONS.md)",
        ["onion_hidden_service_port"] = "Teos does not publish the API as a Tor onion service (docs/DEVIATIONS.md)",
        ["internal_api_bind"] = "Teos has no internal gRPC API; the public and admin APIs are served directly",
        ["internal_api_port"] = "Teos has no internal gRPC API; the public and admin APIs are served directly",
    };

    /// <summary>Switches: flags that stand alone on the command line.</summary>
    public static readonly IReadOnlySet<string> Switches =
        new HashSet<string> { "debug", "deps_debug", "overwrite_key", "force_update", "tor_support" };

    /// <summary>Keys read from the command line only, as rust-teos does (the file's and environment's are dropped).</summary>
    public static readonly IReadOnlyList<string> CommandLineOnly = ["overwrite_key", "force_update"];

    public static bool IsImplemented(string key) => Implemented.Contains(key, StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string key) => IsImplemented(key) || NotImplemented.ContainsKey(key.ToLowerInvariant());

    /// <summary>The known key closest to <paramref name="key"/> by edit distance, e.g. api_port for api_prot.</summary>
    public static string Nearest(string key, Func<string, string>? spell = null)
    {
        spell ??= k => k;
        var lower = key.ToLowerInvariant();
        return Implemented.Concat(NotImplemented.Keys)
            .MinBy(known => EditDistance(lower, spell(known)))!;
    }

    /// <summary>The flag of a key: its name without underscores (spec 6.1), e.g. --apiport for api_port.</summary>
    public static string Flag(string key) => "--" + key.Replace("_", string.Empty, StringComparison.Ordinal);

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
