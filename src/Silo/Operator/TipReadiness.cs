using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Teos.Silo.Operator;

/// <summary>
/// Readiness: the tower has processed bitcoind's chain up to <see cref="MaxLag"/> blocks, so it is not still
/// catching up. Between polls bitcoind is normally one block ahead; the margin keeps the probe from flapping.
/// </summary>
public sealed class TipReadiness(TowerSnapshot snapshot) : IHealthCheck
{
    public const int MaxLag = 2;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sample = await snapshot.RefreshAsync(cancellationToken);
        return (sample.Tip, sample.BitcoindHeight, sample.Lag) switch
        {
            (null, _, _) => HealthCheckResult.Unhealthy("the tower has not processed a block yet"),
            (_, null, _) => HealthCheckResult.Unhealthy($"tip {sample.Tip.Height}; bitcoind's height unknown"),
            (_, _, > MaxLag) => HealthCheckResult.Unhealthy($"catching up: tip {sample.Tip.Height}, bitcoind {sample.BitcoindHeight} ({sample.Lag} blocks behind)"),
            _ => HealthCheckResult.Healthy($"tip {sample.Tip.Height}, bitcoind {sample.BitcoindHeight}"),
        };
    }
}
