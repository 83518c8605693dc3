namespace Teos.Silo.Configuration;

/// <summary>
/// teosd's flags (spec 6.1): the config key with underscores removed, e.g. `--btcrpcuser` for `btc_rpc_user`.
/// `--name value` and `--name=value`; boolean flags stand alone.
/// </summary>
public static class CommandLineFlags
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new[]
    {
        "datadir", "api_bind", "api_port", "rpc_bind", "rpc_port", "btc_network", "btc_rpc_user", "btc_rpc_password",
        "btc_rpc_cookie", "btc_rpc_connect", "btc_rpc_port", "debug", "deps_debug", "overwrite_key", "force_update",
        "polling_delta", "db_connect",
    }.ToDictionary(key => key.Replace("_", string.Empty, StringComparison.Ordinal), key => key);

    private static readonly HashSet<string> Switches = ["debug", "deps_debug", "overwrite_key", "force_update"];

    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}'");

            var (name, inline) = Split(args[i][2..]);
            if (!Keys.TryGetValue(name.ToLowerInvariant(), out var key))
                throw new ArgumentException($"Unknown option '--{name}' (see --help)");

            if (Switches.Contains(key))
                values[key] = inline ?? "true";
            else if (inline is not null)
                values[key] = inline;
            else if (i + 1 < args.Count)
                values[key] = args[++i];
            else
                throw new ArgumentException($"Option '--{name}' needs a value");
        }

        return values;
    }

    private static (string Name, string? Value) Split(string flag)
    {
        var equals = flag.IndexOf('=');
        return equals < 0 ? (flag, null) : (flag[..equals], flag[(equals + 1)..]);
    }
}
