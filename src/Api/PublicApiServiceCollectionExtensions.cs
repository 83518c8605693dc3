using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Teos.Api.Endpoints;
using Teos.Api.Http;

namespace Teos.Api;

public static class PublicApiServiceCollectionExtensions
{
    /// <summary>
    /// The public API's endpoints. The host registers the services they call: Gatekeeper, Watcher,
    /// IBitcoindReachability, WatcherOptions and TowerMetrics.
    /// </summary>
    public static IServiceCollection AddTeosPublicApi(this IServiceCollection services)
    {
        services.TryAddSingleton<PublicApiDispatcher>();
        services.TryAddSingleton<SignerProfiles>();
        services.TryAddSingleton<RequestTelemetry>();
        services.TryAddTransient<RegisterEndpoint>();
        services.TryAddTransient<AddAppointmentEndpoint>();
        services.TryAddTransient<GetAppointmentEndpoint>();
        services.TryAddTransient<GetSubscriptionInfoEndpoint>();
        return services;
    }
}
