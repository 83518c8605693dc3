using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Teos.Grains.Storage;
using Teos.Storage.Legacy;

namespace Teos.Storage.Hosting;

/// <summary>
/// An open store (SQLite or PostgreSQL): migrated, its settings checked, its providers and ports ready. The silo
/// registers it with <see cref="TeosStorageSiloBuilderExtensions.AddTeosStorage"/> and disposes it after the silo
/// stopped (disposing waits for the queued writes to be durable). A fault of the machine under any provider or port
/// (disk full, I/O error, the database unreachable) fails the call with a
/// <see cref="Grains.Storage.StorageUnavailableException"/> wrapping the database's error: nothing it refused was
/// acknowledged, the same call may succeed later, and the store logs it at debug only (the caller reports it once).
/// </summary>
public abstract class TeosStorage : IAsyncDisposable
{
    private protected TeosStorage(int migrationsApplied, StorageParts parts)
    {
        MigrationsApplied = migrationsApplied;
        (Appointments, Users, GatekeeperRows, LocatorRows, RecentBlocks, OperatorQueries, TowerKeys, Legacy) = parts;
    }

    /// <summary>The "appointments" grain storage: typed compact rows, group-committed.</summary>
    public IGrainStorage Appointments { get; }

    /// <summary>The "users" grain storage: typed rows; clearing a user deletes its appointments.</summary>
    public IGrainStorage Users { get; }

    public IGatekeeperRows GatekeeperRows { get; }

    public ILocatorRows LocatorRows { get; }

    public IRecentBlocks RecentBlocks { get; }

    public IOperatorQueries OperatorQueries { get; }

    public ITowerKeys TowerKeys { get; }

    /// <summary>Migrations this open applied (0 when the schema was already current).</summary>
    public int MigrationsApplied { get; }

    /// <summary>Commits of the store's group-committing writer so far.</summary>
    public abstract long Commits { get; }

    /// <summary>Writes committed so far (one per provider write or port write).</summary>
    public abstract long Writes { get; }

    /// <summary>SQL statements the committed writes ran (what a write costs, counted by tests).</summary>
    public abstract long Statements { get; }

    internal ILegacyRows Legacy { get; }

    /// <summary>Registers the "state" grain storage of this backend.</summary>
    internal abstract void AddStateStorage(IServiceCollection services);

    public abstract ValueTask DisposeAsync();
}

/// <summary>What a backend's store is made of.</summary>
internal sealed record StorageParts(
    IGrainStorage Appointments,
    IGrainStorage Users,
    IGatekeeperRows GatekeeperRows,
    ILocatorRows LocatorRows,
    IRecentBlocks RecentBlocks,
    IOperatorQueries OperatorQueries,
    ITowerKeys TowerKeys,
    ILegacyRows Legacy);
