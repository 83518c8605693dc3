using Microsoft.AspNetCore.Http;
namespace Teos.Api.Http;

/// <summary>A public route: its first path segment, method, body limit (spec 3.1) and endpoint (null for ping).</summary>
public sealed record PublicRoute(string Segment, string Method, long MaxBodyLength, Type? Endpoint)
{
    public bool HasBody => HttpMethods.IsPost(Method);
}
