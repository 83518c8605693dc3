using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Teos.Api.Http;
using Teos.Api.Limits;

namespace Teos.Api;

public static class PublicApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps spec 3's routes. Each route takes extra segments (warp matches the first segment only), and every
    /// other path gets 405 through a fallback; the dispatcher re-checks the segment case-sensitively and the method.
    /// Requires <see cref="PublicApiServiceCollectionExtensions.AddTeosPublicApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapTeosPublicApi(this IEndpointRouteBuilder endpoints)
    {
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<PublicApiDispatcher>();
        RequestDelegate dispatch = dispatcher.DispatchAsync;
        foreach (var route in PublicRoutes.All)
        {
            var mapped = endpoints.Map($"/{route.Segment}/{{**rest}}", dispatch).WithDisplayName($"teos {route.Segment}");
            // Counted only where the host runs the rate limiter (RequestLimitExtensions.UseTeosRequestLimits).
            if (route == PublicRoutes.Register)
                mapped.RequireRateLimiting(RegistrationRateLimit.Policy);
        }

        // "{**path}" rather than MapFallback's default "{*path:nonfile}", which would let dotted paths through to a 404.
        endpoints.MapFallback("{**path}", dispatch);
        return endpoints;
    }
}
