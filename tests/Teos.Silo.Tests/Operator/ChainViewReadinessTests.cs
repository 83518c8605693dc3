using Microsoft.Extensions.Diagnostics.HealthChecks;
using Teos.Grains.Chain;
using Teos.Silo.Operator;
using Xunit;

namespace Teos.Silo.Tests.Operator;

/// <summary>Readiness follows the stale-chain rule.</summary>
public sealed class ChainViewReadinessTests
{
    [Fact]
    public async Task A_stale_view_is_unhealthy_with_its_reason_and_a_fresh_one_healthy()
    {
        var stale = await new ChainViewReadiness(new FixedView(ChainFreshness.Stale("no bitcoind call succeeded for 12 s")))
            .CheckHealthAsync(new HealthCheckContext());
        var fresh = await new ChainViewReadiness(new FixedView(ChainFreshness.Fresh)).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "no bitcoind call succeeded for 12 s"), (stale.Status, stale.Description));
        Assert.Equal(HealthStatus.Healthy, fresh.Status);
    }

    private sealed class FixedView(ChainFreshness freshness) : IChainView
    {
        public ValueTask<ChainFreshness> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(freshness);
    }
}
