using Microsoft.Extensions.Diagnostics.HealthChecks;
using Teos.Silo.Bitcoind;

namespace Teos.Silo.Operator;

/// <summary>Readiness: bitcoind answers (the public API answers 503 while it does not, spec 4.8).</summary>
public sealed class BitcoindReadiness(TowerSnapshot snapshot, BitcoindRpcClient bitcoind) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sample = await snapshot.RefreshAsync(cancellationToken);
        return sample.BitcoindHeight is { } height && bitcoind.IsReachable
            ? HealthCheckResult.Healthy($"bitcoind at {bitcoind.Endpoint} is at height {height}")
            : HealthCheckResult.Unhealthy($"bitcoind at {bitcoind.Endpoint} does not answer");
    }
}
