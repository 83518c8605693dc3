using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// The tail of the chain the listener has processed, newest last: enough links to find the fork point of a
/// reorg up to <see cref="MaxReorgDepth"/> blocks deep. It may hold fewer links (after a restart it starts with
/// one); older links are added on demand while searching for a fork point.
/// </summary>
public sealed class RecentChain
{
    private readonly List<ChainLink> _links = [];

    public RecentChain(ChainLink tip, int maxReorgDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReorgDepth);
        MaxReorgDepth = maxReorgDepth;
        _links.Add(tip);
    }

    /// <summary>Deepest reorg that can be followed: the tip and this many ancestors are kept.</summary>
    public int MaxReorgDepth { get; }

    public ChainLink Tip => _links[^1];

    public ChainLink Bottom => _links[0];

    public int Count => _links.Count;

    /// <summary>The known link at <paramref name="height"/>, or null when it is above the tip or below the oldest kept link.</summary>
    public ChainLink? At(int height)
    {
        var index = height - Bottom.Height;
        return index >= 0 && index < _links.Count ? _links[index] : null;
    }

    public bool Contains(uint256 hash) => At(HeightOf(hash) ?? -1) is not null;

    /// <summary>Whether a link at <paramref name="height"/> could still be a fork point (reorg within the depth limit).</summary>
    public bool IsWithinReorgDepth(int height) => Tip.Height - height <= MaxReorgDepth;

    /// <summary>Adds the parent of the oldest kept link, fetched while searching for a fork point.</summary>
    public void PrependParent(ChainLink parent)
    {
        if (Bottom.PreviousHash is not { } expected || parent.Hash != expected || parent.Height != Bottom.Height - 1)
            throw new InvalidOperationException($"{parent} is not the parent of {Bottom}");
        if (_links.Count > MaxReorgDepth)
            throw new InvalidOperationException($"The recent chain already holds {_links.Count} links");
        _links.Insert(0, parent);
    }

    /// <summary>Records a block the listener has finished connecting.</summary>
    public void Connect(ChainLink link)
    {
        if (link.PreviousHash != Tip.Hash || link.Height != Tip.Height + 1)
            throw new InvalidOperationException($"{link} does not extend the tip {Tip}");
        _links.Add(link);
        // The tip plus MaxReorgDepth ancestors: a fork point can be at most that deep.
        if (_links.Count > MaxReorgDepth + 1)
            _links.RemoveAt(0);
    }

    /// <summary>Records that the listener has finished disconnecting the tip.</summary>
    public void DisconnectTip()
    {
        if (_links.Count == 1)
            throw new InvalidOperationException($"Cannot disconnect {Tip}: its parent is not known");
        _links.RemoveAt(_links.Count - 1);
    }

    private int? HeightOf(uint256 hash)
    {
        for (var i = _links.Count - 1; i >= 0; i--)
        {
            if (_links[i].Hash == hash)
                return _links[i].Height;
        }

        return null;
    }
}
