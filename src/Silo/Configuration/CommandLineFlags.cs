namespace Teos.Silo.Configuration;

/// <summary>
/// teosd's flags (spec 6.1): the config key with underscores removed, e.g. `--btcrpcuser` for `btc_rpc_user`.
/// `--name value` and `--name=value`; boolean flags stand alone.
/// </summary>
public static class CommandLineFlags
{
    public static readonly IReadOnlyDictionary<string, string> Keys = ConfigurationKeys.Implemented
        .Concat(ConfigurationKeys.NotImplemented.Keys)
        .ToDictionary(key => ConfigurationKeys.Flag(key)[2..], key => key);

    /// <exception cref="ArgumentException">An unknown flag (naming the nearest), a positional argument or a missing value.</exception>
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected argument '{args[i]}' (see --help)");

            var (name, inline) = Split(args[i][2..]);
            if (!Keys.TryGetValue(name.ToLowerInvariant(), out var key))
            {
                var nearest = ConfigurationKeys.Flag(ConfigurationKeys.Nearest(name, known => ConfigurationKeys.Flag(known)[2..]));
                throw new ArgumentException($"Unknown option '--{name}' (did you mean {nearest}? see --help)");
            }

            if (ConfigurationKeys.Switches.Contains(key))
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
