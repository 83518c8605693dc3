using Microsoft.AspNetCore.Http;
using Teos.Api.Http;
using Teos.Rpc.Admin.V1;
using Teos.Rpc.V2;

namespace Teos.Api.Admin;

/// <summary>
/// Keeps the two APIs on their own listeners (spec 5.1, DESIGN 6). The admin listener serves the admin gRPC
/// services and nothing else (404). On the public port an admin path is one more unknown path, answered by the
/// public API as any other (405), so nothing admin answers there.
/// </summary>
public sealed class AdminPortGate(RequestDelegate next, ApiListeners listeners, PublicApiDispatcher publicApi)
{
    private static readonly string[] AdminServicePrefixes =
    [
        $"/{PrivateTowerServices.Descriptor.FullName}/",
        $"/{TeosAdminServices.Descriptor.FullName}/",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        var isAdminPath = IsAdminPath(context.Request.Path.Value ?? string.Empty);
        if (listeners.IsAdminConnection(context.Connection))
            return isAdminPath ? next(context) : NotFound(context);
        return isAdminPath ? publicApi.DispatchAsync(context) : next(context);
    }

    private static bool IsAdminPath(string path) =>
        AdminServicePrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
