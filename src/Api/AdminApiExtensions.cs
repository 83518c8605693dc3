using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Teos.Api.Admin;
using Teos.Grains.Tower;

namespace Teos.Api;

public static partial class AdminApiExtensions
{
    /// <summary>
    /// The admin API's services: rust-teos' gRPC <c>PrivateTowerServices</c> and Teos' paged calls (spec 5.1).
    /// <paramref name="listeners"/> is the object the host fills when it configures Kestrel (the admin listener
    /// must speak HTTP/2 over TLS). The host registers what <see cref="TowerAdministration"/> needs (store,
    /// identity, reachability, feed leadership).
    /// </summary>
    public static IServiceCollection AddTeosAdminApi(this IServiceCollection services, ApiListeners listeners)
    {
        services.TryAddSingleton(listeners);
        services.TryAddSingleton<TowerAdministration>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<AdminOutages>());
        return services;
    }

    /// <summary>Maps the admin services and the gate that confines them, and only them, to the admin listener.</summary>
    public static WebApplication MapTeosAdminApi(this WebApplication app)
    {
        app.UseMiddleware<AdminPortGate>();
        app.MapGrpcService<PrivateTowerService>();
        app.MapGrpcService<TeosAdminService>();
        var listeners = app.Services.GetRequiredService<ApiListeners>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminApiExtensions).FullName!);

        // Logged once the server is bound, so a port 0 shows as the real one (tests read this line).
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (listeners.AdminEndPoint is { } endPoint)
                LogListening(logger, $"https://{endPoint}");
        });
        return app;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Admin API listening on {Url}")]
    private static partial void LogListening(ILogger logger, string url);
}
