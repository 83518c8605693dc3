using System.Collections.Concurrent;

namespace Teos.Grains.Tests.Cluster;

/// <summary>Reads both silos made of the shared store, by port method (the store itself counts only writes).</summary>
public sealed class StoreReads
{
    /// <summary>Reads that return appointment rows or their locators.</summary>
    public static readonly string[] OfAppointments =
    [
        "appointments.ReadState", "LoadBucket", "FindWatched", "GetTriggered", "GetUserAppointments",
    ];

    private readonly ConcurrentDictionary<string, int> _reads = new();

    public int Of(string what) => _reads.GetValueOrDefault(what);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_reads);

    /// <summary>The reads made since <paramref name="snapshot"/>, by method; methods not read since are left out.</summary>
    public IReadOnlyDictionary<string, int> Since(IReadOnlyDictionary<string, int> snapshot) =>
        _reads.Select(r => (r.Key, Count: r.Value - snapshot.GetValueOrDefault(r.Key)))
            .Where(r => r.Count > 0)
            .ToDictionary(r => r.Key, r => r.Count);

    internal void Read(string what) => _reads.AddOrUpdate(what, 1, (_, count) => count + 1);
}
