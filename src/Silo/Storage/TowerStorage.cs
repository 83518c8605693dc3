using Teos.Storage.Hosting;
using Teos.Storage.Postgres;

namespace Teos.Silo.Storage;

/// <summary>The silo's open store and what the host needs to know of it; disposing closes it (after the silo stopped).</summary>
public sealed class TowerStorage(TeosStorage store, string description, string? localDirectory) : IAsyncDisposable
{
    public TeosStorage Store { get; } = store;

    /// <summary>The shared database of a cluster; null on the embedded (SQLite) default.</summary>
    public PostgresStorage? Postgres => Store as PostgresStorage;

    /// <summary>What the operator sees in the log: the backend and where it is (never a password).</summary>
    public string Description { get; } = description;

    /// <summary>Where the data lives when it is on this machine's disk (SQLite), so its free space is this silo's to watch.</summary>
    public string? LocalDirectory { get; } = localDirectory;

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
