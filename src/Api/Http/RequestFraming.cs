using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Teos.Api.Errors;

namespace Teos.Api.Http;

/// <summary>
/// The checks warp makes before the body is read (spec 3.1), in its order: route and method (405), then
/// Content-Length present (411) and within the route's limit (413), then Content-Type (415).
/// </summary>
public static class RequestFraming
{
    public static ApiError? Check(HttpRequest request, PublicRoute? route)
    {
        if (route is null || !string.Equals(request.Method, route.Method, StringComparison.Ordinal))
            return ApiErrors.MethodNotAllowed;
        if (!route.HasBody)
            return null;
        if (request.ContentLength is not { } length)
            return ApiErrors.LengthRequired;
        if (length > route.MaxBodyLength)
            return ApiErrors.PayloadTooLarge;
        if (request.Headers.ContentType.Count > 0 && !IsJson(request.Headers.ContentType.ToString()))
            return ApiErrors.UnsupportedMediaType;
        return null;
    }

    /// <summary>No Content-Type is accepted; otherwise type/subtype must be application/json, parameters ignored.</summary>
    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
