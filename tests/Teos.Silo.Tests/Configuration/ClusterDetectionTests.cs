using Teos.Silo.Configuration;
using Teos.Silo.Startup;
using Xunit;

namespace Teos.Silo.Tests.Configuration;

public sealed class ClusterDetectionTests
{
    [Fact]
    public void The_defaults_pass_and_a_zero_timeout_or_vote_count_is_refused_naming_its_flag()
    {
        ClusterDetection.Validate(new TeosdOptions());

        var timeout = Assert.Throws<StartupException>(() => ClusterDetection.Validate(new TeosdOptions { ClusterProbeTimeout = 0 }));
        var votes = Assert.Throws<StartupException>(() => ClusterDetection.Validate(new TeosdOptions { ClusterDeathVotes = 0 }));

        Assert.Equal("cluster_probe_timeout must be a positive number of seconds, not 0: fix --clusterprobetimeout", timeout.Message);
        Assert.Equal("cluster_death_votes must be at least 1, not 0: fix --clusterdeathvotes", votes.Message);
    }
}
