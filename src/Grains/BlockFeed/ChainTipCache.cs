namespace Teos.Grains.BlockFeed;

/// <summary>
/// This silo's copy of the block feed's chain view (DESIGN.md section 3): the feed pushes it after every block and
/// poll, and the silo's keeper refreshes it every second. Requests read it here and never call the feed grain.
/// </summary>
public sealed class ChainTipCache : ITipObserver
{
    private readonly object _gate = new();
    private ChainTipView _current = ChainTipView.Unknown;

    /// <summary>The newest view received; <see cref="ChainTipView.Unknown"/> before the first.</summary>
    public ChainTipView Current
    {
        get
        {
            lock (_gate)
                return _current;
        }
    }

    public Task OnTip(ChainTipView tip)
    {
        Update(tip);
        return Task.CompletedTask;
    }

    /// <summary>Keeps <paramref name="tip"/> when it is newer than the view held (pushes may overtake each other).</summary>
    public void Update(ChainTipView tip)
    {
        lock (_gate)
        {
            if (tip.At >= _current.At)
                _current = tip;
        }
    }
}
