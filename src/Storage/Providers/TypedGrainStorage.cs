using Orleans.Runtime;
using Orleans.Storage;

namespace Teos.Storage.Providers;

/// <summary>
/// An <see cref="IGrainStorage"/> over typed rows of one state type: the grain's key names the row, the provider
/// reads and writes its columns. No ETag: a row has one writer, its grain, and the write is an upsert.
/// </summary>
internal abstract class TypedGrainStorage<TState> : IGrainStorage
    where TState : class, new()
{
    /// <summary>The stored row, or null when there is none.</summary>
    protected abstract Task<TState?> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Stores the row; durable when the task completes.</summary>
    protected abstract Task WriteAsync(GrainId grainId, TState state, CancellationToken cancellationToken);

    /// <summary>Deletes the row (and what the schema deletes with it); durable when the task completes.</summary>
    protected abstract Task ClearAsync(GrainId grainId, CancellationToken cancellationToken);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await ReadAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        grainState.State = Cast<T>(stored ?? new TState());
        grainState.RecordExists = stored is not null;
        grainState.ETag = null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await WriteAsync(grainId, Cast(grainState.State), CancellationToken.None).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await ClearAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        grainState.State = Cast<T>(new TState());
        grainState.RecordExists = false;
        grainState.ETag = null;
    }

    private static T Cast<T>(TState state) =>
        state is T typed ? typed : throw new InvalidOperationException($"This storage keeps {typeof(TState).Name}, not {typeof(T).Name}");

    private static TState Cast<T>(T state) =>
        state as TState ?? throw new InvalidOperationException($"This storage keeps {typeof(TState).Name}, not {typeof(T).Name}");
}
