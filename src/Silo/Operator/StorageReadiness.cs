using Microsoft.Extensions.Diagnostics.HealthChecks;
using Teos.Silo.Storage;

namespace Teos.Silo.Operator;

/// <summary>Readiness: the tower's database answers.</summary>
public sealed class StorageReadiness(TowerSnapshot snapshot, TowerStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sample = await snapshot.RefreshAsync(cancellationToken);
        return sample.StorageError is { } error
            ? HealthCheckResult.Unhealthy($"{storage.Description}: {error}")
            : HealthCheckResult.Healthy(storage.Description);
    }
}
