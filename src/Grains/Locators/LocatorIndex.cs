namespace Teos.Grains.Locators;

/// <summary>
/// A compact set of watched locators of one profile, by their first 8 bytes: a sorted array (8 bytes per locator)
/// plus a small hash set of recent additions, merged into the array when it grows. A hit is a candidate that
/// storage confirms, so a prefix shared by two locators costs one storage read, never a missed breach.
/// Nothing is removed: a locator whose appointment is gone (triggered, dropped, its owner outdated) costs a storage
/// read if its dispute ever shows up, and leaves the index when the bucket next rebuilds it from storage.
/// </summary>
public sealed class LocatorIndex
{
    private const int MergeThreshold = 4096;

    private readonly HashSet<ulong> _added = new();
    private ulong[] _sorted;

    public LocatorIndex(IEnumerable<ulong> prefixes)
    {
        _sorted = prefixes.Order().Distinct().ToArray();
    }

    /// <summary>Distinct prefixes indexed.</summary>
    public int Count => _sorted.Length + _added.Count;

    public bool Contains(ulong prefix) => _added.Contains(prefix) || Array.BinarySearch(_sorted, prefix) >= 0;

    public void Add(ulong prefix)
    {
        if (Array.BinarySearch(_sorted, prefix) >= 0 || !_added.Add(prefix) || _added.Count < MergeThreshold)
            return;

        var merged = new ulong[Count];
        _sorted.CopyTo(merged, 0);
        _added.CopyTo(merged, _sorted.Length);
        Array.Sort(merged);
        _sorted = merged;
        _added.Clear();
    }
}
