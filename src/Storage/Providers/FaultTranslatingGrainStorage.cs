using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Teos.Storage.Providers;

/// <summary>
/// Puts a grain storage that is not the store's own (Orleans' Persistence.AdoNet as "state" on PostgreSQL) behind
/// the store's boundary: a fault of the machine under it leaves as a
/// <see cref="Grains.Storage.StorageUnavailableException"/>, like every other provider's. Anything else (a version
/// conflict among them) passes unchanged. It takes the wrapped provider's place in the silo's lifecycle too.
/// </summary>
internal sealed class FaultTranslatingGrainStorage(IGrainStorage inner) : CancellableGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public override Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslateAsync(() => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken));

    public override Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslateAsync(() => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken));

    public override Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslateAsync(() => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static async Task TranslateAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFaults.IsFault(exception))
        {
            throw StorageFaults.Translate(exception);
        }
    }
}
