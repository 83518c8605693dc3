namespace Teos.Grains.BlockFeed;

/// <summary>
/// The lease on the embedded store: always granted, never lost. SQLite serves one silo and its file lock already
/// refuses a second one, so there is nobody to share the feed with.
/// </summary>
public sealed class SingleSiloFeedLease : IFeedLease
{
    public Task<IFeedLeaseGrant?> TryAcquireAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IFeedLeaseGrant?>(Grant.Instance);

    private sealed class Grant : IFeedLeaseGrant
    {
        public static readonly Grant Instance = new();

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
