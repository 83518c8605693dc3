namespace Teos.Silo.Configuration;

/// <summary>
/// teosd's settings other than bitcoind's (spec 6.1), bound from configuration keys with teosd's names
/// (`api_bind`, `polling_delta`, ...). Defaults are teosd's.
/// </summary>
public sealed class TeosdOptions
{
    public string DataDir { get; set; } = "~/.teos";

    public string ApiBind { get; set; } = "127.0.0.1";

    public int ApiPort { get; set; } = 9814;

    public string RpcBind { get; set; } = "127.0.0.1";

    public int RpcPort { get; set; } = 8814;

    /// <summary>The operator listener: Prometheus metrics and health probes, plain HTTP, loopback by default.</summary>
    public string MetricsBind { get; set; } = "127.0.0.1";

    public int MetricsPort { get; set; } = 9816;

    public bool Debug { get; set; }

    public bool OverwriteKey { get; set; }

    public bool ForceUpdate { get; set; }

    /// <summary>Seconds between bitcoind polls; fractions allowed so tests can poll every 100 ms.</summary>
    public double PollingDelta { get; set; } = 60;

    /// <summary>A PostgreSQL connection string; empty means SQLite in the data dir.</summary>
    public string DbConnect { get; set; } = string.Empty;

    public string ExpandedDataDir =>
        DataDir.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), DataDir[1..].TrimStart('/'))
            : Path.GetFullPath(DataDir);
}
