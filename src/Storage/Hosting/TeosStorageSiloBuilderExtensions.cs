using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Grains.Storage;
using Teos.Storage.Legacy;
using Teos.Storage.Postgres;

namespace Teos.Storage.Hosting;

/// <summary>How the silo takes an open <see cref="TeosStorage"/> and, on PostgreSQL, its cluster tables.</summary>
public static class TeosStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers the store's grain storage providers under the <see cref="StorageProviders"/> names (keyed
    /// <see cref="IGrainStorage"/>), its ports as singletons, and the <see cref="LegacyStateImport"/> as a silo
    /// lifecycle step that runs once the providers are initialized and before the silo takes grain calls.
    /// </summary>
    public static ISiloBuilder AddTeosStorage(this ISiloBuilder builder, TeosStorage storage)
    {
        var services = builder.Services;
        services.AddSingleton(storage);
        services.AddKeyedSingleton(StorageProviders.Appointments, storage.Appointments);
        services.AddKeyedSingleton(StorageProviders.Users, storage.Users);
        storage.AddStateStorage(services);
        services.AddSingleton(storage.GatekeeperRows);
        services.AddSingleton(storage.LocatorRows);
        services.AddSingleton(storage.RecentBlocks);
        services.AddSingleton(storage.OperatorQueries);
        services.AddSingleton(storage.TowerKeys);
        services.AddSingleton(provider => new LegacyStateImport(
            storage,
            provider.GetRequiredKeyedService<IGrainStorage>(StorageProviders.State),
            provider.GetRequiredService<ILogger<LegacyStateImport>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LegacyImportStage>();
        return builder;
    }

    /// <summary>Silos find each other through Orleans' ADO.NET clustering on the store's database (migration 0008).</summary>
    public static ISiloBuilder UseTeosClustering(this ISiloBuilder builder, PostgresStorage storage) =>
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresStorage.Invariant;
            options.ConnectionString = storage.ConnectionString;
        });

    /// <summary>Reminders through Orleans' ADO.NET reminder table on the store's database (migration 0008).</summary>
    public static ISiloBuilder UseTeosReminders(this ISiloBuilder builder, PostgresStorage storage) =>
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresStorage.Invariant;
            options.ConnectionString = storage.ConnectionString;
        });
}
