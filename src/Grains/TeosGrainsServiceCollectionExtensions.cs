using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Teos.Grains.Appointments;
using Teos.Grains.BlockFeed;
using Teos.Grains.Chain;
using Teos.Grains.Locators;
using Teos.Grains.Tower;
using Teos.Grains.Trackers;
using Teos.Grains.Users;

namespace Teos.Grains;

/// <summary>The per-silo services the grains and the request handlers share.</summary>
public static class TeosGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers this silo's chain view (and its keeper), carrier, recent-block shares, bucket loads and the request
    /// handlers. The host adds storage (the ports and IGrainStorage providers), bitcoind, the tower key and the options.
    /// </summary>
    public static IServiceCollection AddTeosGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChainTipCache>();
        services.AddHostedService<FeedKeeper>();
        services.AddSingleton<Carrier>();
        services.AddSingleton<BreachOutcomes>();
        services.AddSingleton<TowerMetrics>();
        services.AddSingleton<RecentBlockShares>();
        services.AddSingleton<LocatorLoads>();
        services.AddSingleton<AppointmentCount>();
        services.AddSingleton<UserRequests>();
        services.AddSingleton<AppointmentRequests>();
        services.AddSingleton<TowerAdministration>();
        services.AddSingleton<ChainView>();
        services.AddSingleton<IChainView>(provider => provider.GetRequiredService<ChainView>());
        return services;
    }
}
