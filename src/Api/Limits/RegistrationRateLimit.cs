using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Teos.Api.Connections;
using Teos.Api.Decoding;
using Teos.Api.Endpoints;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Protocol.Profiles;

namespace Teos.Api.Limits;

/// <summary>
/// Registrations per client address and minute, with ASP.NET Core's rate limiter: a token bucket of n tokens, one
/// back every 1/n minute, so a burst of n and then n a minute. Registering is free and grants slots, so without it
/// one client could fill the disk. A refused request gets 429 (<see cref="ClientAnswers.TooManyRequests"/>) with
/// Retry-After.
/// </summary>
public static class RegistrationRateLimit
{
    public const string Policy = "teos-register";

    public static void Configure(RateLimiterOptions limiter, int perMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        limiter.AddPolicy(Policy, context =>
        {
            // The client as the trusted proxies tell it (the forwarded-headers middleware ran before).
            var client = ClientAddress.Of(context.Connection.RemoteIpAddress ?? IPAddress.None);
            return perMinute <= 0
                ? RateLimitPartition.GetNoLimiter(client)
                : RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                    QueueLimit = 0,
                });
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var profile = await ProfileOfAsync(context.Request, cancellationToken);
        await PublicApiDispatcher.WriteAsync(context.Response, ClientAnswers.For(profile).TooManyRequests, cancellationToken);
    }

    /// <summary>A python-teos registration says so in its body (spec 9); anything unreadable is answered as profile R.</summary>
    private static async Task<ClientProfile> ProfileOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is not (> 0 and var length) || length > PublicRoutes.Register.MaxBodyLength)
            return ClientProfile.Rust;
        var body = new byte[length];
        try
        {
            await request.Body.ReadExactlyAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is EndOfStreamException or BadHttpRequestException or IOException)
        {
            return ClientProfile.Rust;
        }

        var decoded = JsonBodyDecoder.Decode(body, RequestSchemas.Register);
        return decoded.Body is { } fields ? RegisterEndpoint.ProfileOf(fields) : ClientProfile.Rust;
    }
}
