using System.Collections.Concurrent;

namespace Teos.Grains.Tests.Cluster;

/// <summary>
/// Holds a bucket's index rebuild after it has read its rows, until the test lets it go: the cold bucket made to last,
/// with rows written after its read that only its registrations meanwhile can tell it about.
/// </summary>
public sealed class LoadHold
{
    private readonly ConcurrentDictionary<int, WriteHold.Held> _held = new();

    /// <summary>Holds the next rebuild of <paramref name="bucket"/> once it has read its rows.</summary>
    public WriteHold.Held Hold(int bucket)
    {
        var held = new WriteHold.Held(afterWrite: true);
        _held[bucket] = held;
        return held;
    }

    internal Task AfterReadAsync(int bucket)
    {
        if (!_held.TryRemove(bucket, out var held))
            return Task.CompletedTask;
        held.Reached.TrySetResult();
        return held.Released.Task;
    }
}
