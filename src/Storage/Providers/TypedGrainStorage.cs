using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.Storage;

namespace Teos.Storage.Providers;

/// <summary>
/// An <see cref="IGrainStorage"/> over typed rows of one state type (the "appointments" and "users" providers): the
/// grain's key names the row, a backend's row statements read and write its columns. No ETag: a row's writes are
/// serialized by the grains that make them (a new appointment's row by its owner, which no other grain writes until
/// it exists; later ones by the appointment's grain), and the write is an upsert, durable when the task completes.
/// </summary>
internal sealed class TypedGrainStorage<TState, TId>(
    Func<GrainId, (TowerKey Tower, TId Id)> key,
    Func<TowerKey, TId, CancellationToken, Task<TState?>> read,
    Func<TowerKey, TId, TState, CancellationToken, Task> write,
    Func<TowerKey, TId, CancellationToken, Task> clear) : CancellableGrainStorage
    where TState : class, new()
{
    public override async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (tower, id) = key(grainId);
        var stored = await read(tower, id, cancellationToken).ConfigureAwait(false);
        grainState.State = Cast<T>(stored ?? new TState());
        grainState.RecordExists = stored is not null;
        grainState.ETag = null;
    }

    public override async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (tower, id) = key(grainId);
        await write(tower, id, Cast(grainState.State), cancellationToken).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    /// <summary>Deletes the row and what the schema deletes with it (a user's appointments).</summary>
    public override async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (tower, id) = key(grainId);
        await clear(tower, id, cancellationToken).ConfigureAwait(false);
        grainState.State = Cast<T>(new TState());
        grainState.RecordExists = false;
        grainState.ETag = null;
    }

    private static T Cast<T>(TState state) =>
        state is T typed ? typed : throw new InvalidOperationException($"This storage keeps {typeof(TState).Name}, not {typeof(T).Name}");

    private static TState Cast<T>(T state) =>
        state as TState ?? throw new InvalidOperationException($"This storage keeps {typeof(TState).Name}, not {typeof(T).Name}");
}
