using Microsoft.AspNetCore.Http;
using Teos.Protocol.Admin;

namespace Teos.Api.Admin;

/// <summary>
/// Keeps the two APIs on their own listeners (spec 5.1, DESIGN 6): admin paths answer 404 on the public port
/// (rather than the public API's 405 for unknown paths, so a scan learns nothing), and the admin listener serves
/// nothing but the admin calls.
/// </summary>
public sealed class AdminPortGate(RequestDelegate next, ApiListeners listeners)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (listeners.IsAdminConnection(context.Connection))
        {
            if (!IsExactAdminPath(path))
                return Answer(context, StatusCodes.Status404NotFound);
            if (!HttpMethods.IsPost(context.Request.Method))
                return Answer(context, StatusCodes.Status405MethodNotAllowed);
        }
        else if (FirstSegmentIsAdminCall(path))
        {
            return Answer(context, StatusCodes.Status404NotFound);
        }

        return next(context);
    }

    private static bool IsExactAdminPath(string path) =>
        path.StartsWith('/') && AdminCalls.All.Contains(path[1..], StringComparer.Ordinal);

    /// <summary>The public API routes on the first segment (spec 3.1), so "/get_users/x" is an admin path there too.</summary>
    private static bool FirstSegmentIsAdminCall(string path)
    {
        var rest = path.TrimStart('/');
        var end = rest.IndexOf('/');
        return AdminCalls.All.Contains(end < 0 ? rest : rest[..end], StringComparer.Ordinal);
    }

    private static Task Answer(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
