namespace Teos.Grains.BlockFeed;

/// <summary>
/// The block feed cannot go on without skipping or misordering blocks, so it stops. Restarting will not help
/// until an operator acts (the message says why).
/// </summary>
public class BlockFeedHaltedException : Exception
{
    public BlockFeedHaltedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
