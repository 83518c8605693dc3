namespace Teos.Grains.Locators;

/// <summary>
/// A compact set of watched locators of one profile, by their first 8 bytes: a sorted array (8 bytes per locator)
/// plus a small hash set of recent additions, merged into the array when it grows. A hit is a candidate that
/// storage confirms; a prefix shared by two locators costs one storage read, never a missed breach.
/// Removals are lazy (a prefix found stale when storage holds no row for it), applied at the next merge.
/// </summary>
public sealed class LocatorIndex
{
    private const int MergeThreshold = 4096;

    private readonly HashSet<ulong> _added = new();
    private readonly HashSet<ulong> _removed = new();
    private ulong[] _sorted;

    public LocatorIndex(IEnumerable<ulong> prefixes)
    {
        _sorted = prefixes.Order().Distinct().ToArray();
    }

    /// <summary>Distinct prefixes indexed.</summary>
    public int Count => _sorted.Length + _added.Count - _removed.Count;

    public bool Contains(ulong prefix) =>
        _added.Contains(prefix) || (!_removed.Contains(prefix) && Array.BinarySearch(_sorted, prefix) >= 0);

    public void Add(ulong prefix)
    {
        if (_removed.Remove(prefix) || Array.BinarySearch(_sorted, prefix) >= 0)
            return;
        if (_added.Add(prefix) && _added.Count >= MergeThreshold)
            Merge();
    }

    public void Remove(ulong prefix)
    {
        if (!_added.Remove(prefix) && Array.BinarySearch(_sorted, prefix) >= 0 && _removed.Add(prefix) && _removed.Count >= MergeThreshold)
            Merge();
    }

    private void Merge()
    {
        var merged = new ulong[Count];
        var n = 0;
        foreach (var prefix in _sorted)
        {
            if (!_removed.Contains(prefix))
                merged[n++] = prefix;
        }

        foreach (var prefix in _added)
            merged[n++] = prefix;
        Array.Sort(merged);
        _sorted = merged;
        _added.Clear();
        _removed.Clear();
    }
}
