using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Teos.Api.Connections;
using Teos.Api.Limits;

namespace Teos.Api;

public static class RequestLimitExtensions
{
    /// <summary>The public API's abuse limits: the registration rate limit and the disk watermark.</summary>
    public static IServiceCollection AddTeosRequestLimits(
        this IServiceCollection services, RequestLimitOptions options, TrustedProxies proxies, DiskWatermark watermark)
    {
        options.Validate();
        services.AddSingleton(proxies);
        services.AddSingleton(watermark);
        services.AddRateLimiter(limiter => RegistrationRateLimit.Configure(limiter, options.MaxRegistrationsPerMinute));
        return services;
    }

    /// <summary>
    /// The client address from X-Forwarded-For, when (and only when) the peer is a trusted proxy, then the rate
    /// limiter. Call before mapping the public API.
    /// </summary>
    public static WebApplication UseTeosRequestLimits(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<TrustedProxies>();
        if (proxies.Networks.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor,
                // Walk back through every trusted hop to the first address no trusted proxy vouches for.
                ForwardLimit = null,
            };
            // The defaults trust loopback; only the configured proxies are trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Networks)
                forwarded.KnownIPNetworks.Add(network);
            app.UseForwardedHeaders(forwarded);
        }

        app.UseRateLimiter();
        return app;
    }
}
