using Orleans.Storage;
using Teos.Storage.Hosting;

namespace Teos.Storage.Tests.Backends;

/// <summary>How a test gets a fresh store of one backend, and the "state" grain storage the silo would give it.</summary>
public abstract class StorageBackend
{
    public static readonly StorageOptions Options = new() { ExpiryDelta = 6 };

    public abstract string Name { get; }

    /// <summary>A new store over an empty database, owned by the caller.</summary>
    public abstract Task<TeosStorage> OpenAsync();

    /// <summary>The "state" provider over that store, initialized.</summary>
    public abstract Task<IGrainStorage> StateStorageAsync(TeosStorage storage);

    /// <summary>Runs raw SQL on the store's database (for checks a port does not offer).</summary>
    public abstract Task<long> ScalarAsync(TeosStorage storage, string sql);

    /// <summary>Closes the store and opens its database again.</summary>
    public abstract Task<TeosStorage> ReopenAsync(TeosStorage storage);

    /// <summary>
    /// Makes the store's database refuse to grow, with the error a full disk gives, until the returned handle is
    /// disposed: a full disk at the store's boundary without filling a real one.
    /// </summary>
    public abstract Task<IAsyncDisposable> FillUpAsync(TeosStorage storage);

    public override string ToString() => Name;
}
