using Teos.Silo.Startup;

namespace Teos.Silo.Configuration;

/// <summary>
/// The cluster's failure-detection settings (cluster_probe_timeout, cluster_missed_probes, cluster_death_votes,
/// cluster_table_refresh, cluster_response_timeout), checked before anything starts: Orleans would otherwise refuse
/// them only once the silo starts, or take a zero as "never".
/// </summary>
public static class ClusterDetection
{
    /// <exception cref="StartupException">A duration is not positive or a count is below 1.</exception>
    public static void Validate(TeosdOptions teosd)
    {
        (string Key, double Seconds)[] durations =
        [
            ("cluster_probe_timeout", teosd.ClusterProbeTimeout), ("cluster_table_refresh", teosd.ClusterTableRefresh),
            ("cluster_response_timeout", teosd.ClusterResponseTimeout),
        ];
        foreach (var (key, seconds) in durations)
        {
            if (!(seconds > 0) || double.IsInfinity(seconds))
                throw new StartupException($"{key} must be a positive number of seconds, not {seconds}: fix {ConfigurationKeys.Flag(key)}");
        }

        foreach (var (key, count) in new[] { ("cluster_missed_probes", teosd.ClusterMissedProbes), ("cluster_death_votes", teosd.ClusterDeathVotes) })
        {
            if (count < 1)
                throw new StartupException($"{key} must be at least 1, not {count}: fix {ConfigurationKeys.Flag(key)}");
        }
    }
}
