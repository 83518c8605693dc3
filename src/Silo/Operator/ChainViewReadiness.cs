using Microsoft.Extensions.Diagnostics.HealthChecks;
using Teos.Grains.Chain;

namespace Teos.Silo.Operator;

/// <summary>
/// Readiness on the stale-chain rule (<see cref="ChainView"/>): not ready while add_appointment would answer 503,
/// that is while bitcoind has not answered for 10 s or the tower's tip is 2 or more blocks behind (catching up).
/// </summary>
public sealed class ChainViewReadiness(IChainView view) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var freshness = await view.CheckAsync(cancellationToken);
        return freshness.IsFresh ? HealthCheckResult.Healthy(freshness.Reason) : HealthCheckResult.Unhealthy(freshness.Reason);
    }
}
