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

    /// <summary>
    /// Serves the Orleans Dashboard on the admin listener (behind its client certificates, traces hidden). Off by
    /// default: it costs about 100 MiB per silo.
    /// </summary>
    public bool Dashboard { get; set; }

    public bool OverwriteKey { get; set; }

    public bool ForceUpdate { get; set; }

    /// <summary>Seconds between bitcoind polls; fractions allowed so tests can poll every 100 ms.</summary>
    public double PollingDelta { get; set; } = 60;

    /// <summary>A PostgreSQL connection string; empty means SQLite in the data dir.</summary>
    public string DbConnect { get; set; } = string.Empty;

    /// <summary>The Orleans silo-to-silo port (each silo on one host needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans gateway port for cluster clients; 0 runs no gateway.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; empty means 127.0.0.1 (every silo on this host).</summary>
    public string SiloAddress { get; set; } = string.Empty;

    /// <summary>The Orleans cluster id; empty means one derived from the network (teos-&lt;network&gt;).</summary>
    public string ClusterId { get; set; } = string.Empty;

    /// <summary>The Orleans service id, which scopes stored grain state; empty means teos-&lt;network&gt;. Never change it on a live database.</summary>
    public string ServiceId { get; set; } = string.Empty;

    // Failure detection of a cluster (PostgreSQL), tuned for seconds rather than Orleans' defaults (a dead silo found
    // after ~13 s, a hung one after ~64 s). Slower networks raise them.

    /// <summary>Seconds a silo waits for a probe's answer before counting it missed (cluster_probe_timeout).</summary>
    public double ClusterProbeTimeout { get; set; } = 1;

    /// <summary>Missed probes in a row before a silo suspects another (cluster_missed_probes).</summary>
    public int ClusterMissedProbes { get; set; } = 3;

    /// <summary>Suspicions that declare a silo dead (cluster_death_votes); Orleans needs at most half the active silos.</summary>
    public int ClusterDeathVotes { get; set; } = 2;

    /// <summary>Seconds between reads of the membership table (cluster_table_refresh).</summary>
    public double ClusterTableRefresh { get; set; } = 2;

    /// <summary>Seconds a call between silos may take before it fails (cluster_response_timeout), so calls do not wait on a dead silo.</summary>
    public double ClusterResponseTimeout { get; set; } = 5;

    /// <summary>The cluster id on <paramref name="chain"/>: <see cref="ClusterId"/>, or teos-&lt;chain&gt; when unset.</summary>
    public string ClusterIdOn(string chain) => string.IsNullOrEmpty(ClusterId) ? $"teos-{chain}" : ClusterId;

    /// <summary>The service id on <paramref name="chain"/>: <see cref="ServiceId"/>, or teos-&lt;chain&gt; when unset.</summary>
    public string ServiceIdOn(string chain) => string.IsNullOrEmpty(ServiceId) ? $"teos-{chain}" : ServiceId;

    public string ExpandedDataDir =>
        DataDir.StartsWith('~')
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), DataDir[1..].TrimStart('/'))
            : Path.GetFullPath(DataDir);
}
