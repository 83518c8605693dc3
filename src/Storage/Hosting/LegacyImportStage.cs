using Orleans;
using Orleans.Runtime;
using Teos.Storage.Legacy;

namespace Teos.Storage.Hosting;

/// <summary>
/// Runs the <see cref="LegacyStateImport"/> in the silo's start: after the storage providers initialize (Orleans'
/// ADO.NET storage does at ApplicationServices) and before the silo becomes active and takes grain calls.
/// </summary>
internal sealed class LegacyImportStage(LegacyStateImport import) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int Stage = ServiceLifecycleStage.ApplicationServices + 100;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyImportStage), Stage, cancellationToken => import.RunAsync(cancellationToken));
}
