namespace Teos.Grains.BlockFeed;

/// <summary>A silo's receiver of the block feed's chain view (requests read it locally, never from the feed grain).</summary>
public interface ITipObserver : IGrainObserver
{
    [OneWay]
    Task OnTip(ChainTipView tip);
}
