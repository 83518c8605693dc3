using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.BlockFeed;

/// <summary>
/// Finds where a new best tip joins the recent chain, one header at a time, without doing any I/O itself:
/// the caller fetches the header named by <see cref="WantedHeader"/> and hands it to <see cref="Supply"/>
/// until <see cref="Result"/> is set. Headers of the new branch are walked back from its tip; when the
/// branch reaches below the oldest kept link, that link's parent is asked for (bitcoind keeps headers of
/// every block, stale ones included).
/// </summary>
public sealed class ForkSearch
{
    private readonly RecentChain _known;
    private readonly Stack<ChainLink> _branch = new();
    private ChainLink _cursor;
    private bool _wantsKnownParent;

    public ForkSearch(RecentChain known, ChainLink newTip)
    {
        _known = known;
        _cursor = newTip;
        Evaluate();
    }

    /// <summary>The hash of the next header to fetch; null once <see cref="Result"/> is known.</summary>
    public uint256? WantedHeader { get; private set; }

    public ChainSwitch? Result { get; private set; }

    /// <summary>Hands over the header asked for by <see cref="WantedHeader"/>.</summary>
    /// <exception cref="ReorgTooDeepException">The fork point is deeper than the recent chain may reach.</exception>
    public void Supply(ChainLink header)
    {
        if (WantedHeader is not { } wanted || header.Hash != wanted)
            throw new InvalidOperationException($"Expected header {WantedHeader}, got {header}");

        if (_wantsKnownParent)
        {
            _known.PrependParent(header);
        }
        else
        {
            if (header.Height != _cursor.Height - 1)
                throw new InvalidOperationException($"{header} is not the parent of {_cursor}");
            _branch.Push(_cursor);
            _cursor = header;
        }

        Evaluate();
    }

    private void Evaluate()
    {
        WantedHeader = null;
        _wantsKnownParent = false;

        if (_cursor.Height > _known.Tip.Height)
        {
            AskForBranchParent();
            return;
        }

        if (!_known.IsWithinReorgDepth(_cursor.Height))
            throw new ReorgTooDeepException(_known.Tip, _cursor.Height, _known.MaxReorgDepth);

        var known = _known.At(_cursor.Height);
        if (known is null)
        {
            WantedHeader = _known.Bottom.PreviousHash ?? throw new BlockFeedHaltedException($"The chain of {_cursor} shares no block with the processed chain down to genesis");
            _wantsKnownParent = true;
            return;
        }

        if (known.Hash == _cursor.Hash)
        {
            Result = BuildSwitch(_cursor);
            return;
        }

        AskForBranchParent();
    }

    private void AskForBranchParent() =>
        WantedHeader = _cursor.PreviousHash ?? throw new BlockFeedHaltedException($"The chain of {_cursor} shares no block with the processed chain down to genesis");

    private ChainSwitch BuildSwitch(ChainLink forkPoint)
    {
        var disconnect = new List<ChainLink>();
        for (var height = _known.Tip.Height; height > forkPoint.Height; height--)
            disconnect.Add(_known.At(height)!);
        return new ChainSwitch(forkPoint, disconnect, [.. _branch]);
    }
}
