using Microsoft.Extensions.Diagnostics.HealthChecks;
using Teos.Grains.Chain;

namespace Teos.Api.Health;

/// <summary>Readiness on the stale-chain rule (<see cref="ChainView"/>): not ready while add_appointment would answer 503.</summary>
public sealed class ChainViewHealthCheck(IChainView view) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var freshness = await view.CheckAsync(cancellationToken);
        return freshness.IsFresh ? HealthCheckResult.Healthy(freshness.Reason) : HealthCheckResult.Unhealthy(freshness.Reason);
    }
}
