using System.Globalization;

namespace Teos.Cli.Admin;

/// <summary>
/// Where teos-cli finds the admin API and its certificates: flags first, then <c>rpc_bind</c>/<c>rpc_port</c> in
/// <c>&lt;datadir&gt;/teos.toml</c> (as rust-teos' teos-cli does), then the defaults localhost:8814.
/// </summary>
public sealed record AdminEndpoint(string DataDir, string Host, int Port)
{
    public const string DefaultDataDir = "~/.teos";
    public const int DefaultPort = 8814;

    public Uri BaseAddress => new($"https://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}/");

    public string FileInDataDir(string name) => Path.Combine(DataDir, name);

    public static AdminEndpoint Resolve(string? dataDir, string? host, int? port)
    {
        var dir = Expand(dataDir ?? DefaultDataDir);
        var config = ReadConfig(Path.Combine(dir, "teos.toml"));
        var configPort = config.TryGetValue("rpc_port", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : (int?)null;
        return new AdminEndpoint(dir, host ?? config.GetValueOrDefault("rpc_bind") ?? "localhost", port ?? configPort ?? DefaultPort);
    }

    private static string Expand(string path) =>
        path.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..].TrimStart('/'))
            : Path.GetFullPath(path);

    /// <summary>Only the two top-level <c>key = value</c> lines teos-cli needs; the rest of the file is teosd's.</summary>
    private static Dictionary<string, string> ReadConfig(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return values;
        foreach (var line in File.ReadLines(path))
        {
            var text = line.Split('#', 2)[0].Trim();
            if (text.StartsWith('['))
                break;
            var equals = text.IndexOf('=');
            if (equals > 0)
                values[text[..equals].Trim()] = text[(equals + 1)..].Trim().Trim('"', '\'');
        }

        return values;
    }
}
