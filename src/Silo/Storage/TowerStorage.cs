using Teos.Grains.BlockFeed;
using Teos.Grains.Store;

namespace Teos.Silo.Storage;

/// <summary>The silo's store and the block-feed lease that goes with its backend; disposing closes the store.</summary>
public sealed class TowerStorage(ITowerStore store, IFeedLease feedLease, string description, string? localDirectory = null) : IAsyncDisposable
{
    public ITowerStore Store { get; } = store;

    public IFeedLease FeedLease { get; } = feedLease;

    /// <summary>What the operator sees in the log: the backend and where it is (never a password).</summary>
    public string Description { get; } = description;

    /// <summary>Where the data lives when it is on this machine's disk (SQLite), so its free space is this silo's to watch.</summary>
    public string? LocalDirectory { get; } = localDirectory;

    public ValueTask DisposeAsync() => Store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
