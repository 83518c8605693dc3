using System.Collections.Concurrent;

namespace Teos.Grains.Tests.Cluster;

/// <summary>
/// Holds one grain's appointment write on one silo, before or after it reaches the store, until the test lets it go:
/// the moment "registered with its bucket, not yet written" (or "written, not yet answered") made to last.
/// </summary>
public sealed class WriteHold
{
    private readonly ConcurrentDictionary<GrainId, Held> _held = new();

    /// <summary>Holds the next write of <paramref name="grain"/>: before it is stored, or once it is stored.</summary>
    public Held Hold(GrainId grain, bool afterWrite)
    {
        var held = new Held(afterWrite);
        _held[grain] = held;
        return held;
    }

    internal Task BeforeWriteAsync(GrainId grain) => WaitAsync(grain, afterWrite: false);

    internal Task AfterWriteAsync(GrainId grain) => WaitAsync(grain, afterWrite: true);

    private Task WaitAsync(GrainId grain, bool afterWrite)
    {
        if (!_held.TryGetValue(grain, out var held) || held.AfterWrite != afterWrite || !_held.TryRemove(new(grain, held)))
            return Task.CompletedTask;
        held.Reached.TrySetResult();
        return held.Released.Task;
    }

    public sealed class Held(bool afterWrite)
    {
        internal bool AfterWrite { get; } = afterWrite;

        /// <summary>Completes when the write is held.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Lets the write go on, or fail as if the silo died with it.</summary>
        public void Release(Exception? failure = null)
        {
            if (failure is null)
                Released.TrySetResult();
            else
                Released.TrySetException(failure);
        }
    }
}
