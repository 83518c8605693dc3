using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Teos.Api.Admin;
using Teos.Grains.Tower;
using Teos.Protocol.Admin;

namespace Teos.Api;

public static class AdminApiExtensions
{
    /// <summary>
    /// The admin API's services. <paramref name="listeners"/> is the object the host fills when it configures
    /// Kestrel. The host registers what <see cref="TowerAdministration"/> needs (store, identity, reachability,
    /// feed leadership).
    /// </summary>
    public static IServiceCollection AddTeosAdminApi(this IServiceCollection services, ApiListeners listeners)
    {
        services.TryAddSingleton(listeners);
        services.TryAddSingleton<TowerAdministration>();
        services.TryAddSingleton<AdminEndpoints>();
        return services;
    }

    /// <summary>Maps the admin calls (spec 5.1) and the gate that confines them, and only them, to the admin listener.</summary>
    public static WebApplication MapTeosAdminApi(this WebApplication app)
    {
        app.UseMiddleware<AdminPortGate>();
        var endpoints = app.Services.GetRequiredService<AdminEndpoints>();
        app.MapPost($"/{AdminCalls.GetAllAppointments}", Handler(endpoints.GetAllAppointmentsAsync));
        app.MapPost($"/{AdminCalls.GetAppointments}", Handler(endpoints.GetAppointmentsAsync));
        app.MapPost($"/{AdminCalls.GetTowerInfo}", Handler(endpoints.GetTowerInfoAsync));
        app.MapPost($"/{AdminCalls.GetUsers}", Handler(endpoints.GetUsersAsync));
        app.MapPost($"/{AdminCalls.GetUser}", Handler(endpoints.GetUserAsync));
        app.MapPost($"/{AdminCalls.Stop}", Handler(endpoints.StopAsync));
        app.Lifetime.ApplicationStarted.Register(endpoints.AnnounceListener);
        return app;
    }

    // As a Delegate (not a RequestDelegate) the route handler writes the returned IResult.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handle) => handle;
}
