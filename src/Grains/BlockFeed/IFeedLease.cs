namespace Teos.Grains.BlockFeed;

/// <summary>
/// The right to run the block feed. Exactly one silo may hold it at a time (DESIGN.md section 4); the others
/// stand by and ask again every polling interval.
/// </summary>
public interface IFeedLease
{
    /// <summary>Takes the lease, or returns null at once when another silo holds it.</summary>
    Task<IFeedLeaseGrant?> TryAcquireAsync(CancellationToken cancellationToken);
}
