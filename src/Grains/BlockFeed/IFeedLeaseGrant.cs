namespace Teos.Grains.BlockFeed;

/// <summary>A held feed lease. Disposing it releases the lease.</summary>
public interface IFeedLeaseGrant : IAsyncDisposable
{
    /// <summary>
    /// Fires as soon as the lease may be lost (e.g. its database connection failed): another silo may take over
    /// at any moment, so the feed must stop at once.
    /// </summary>
    CancellationToken Lost { get; }
}
