using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Teos.Api.Http;

namespace Teos.Api.Admin;

/// <summary>Admin bodies: compact JSON in declaration order, written like the public API's.</summary>
internal static class AdminJson
{
    /// <summary>Admin bodies are a few hundred bytes; anything larger is not a request teos-cli sends.</summary>
    public const int MaxRequestBody = 4096;

    public static IResult Ok(object body) => Result(body, StatusCodes.Status200OK);

    public static IResult Result(object body, int status) => new JsonBytesResult(ApiJson.Serialize(body), status);

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty body is <paramref name="empty"/>.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, T empty, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxRequestBody)
            return (null, AdminErrors.InvalidArgument($"The request body is larger than {MaxRequestBody} bytes"));

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxRequestBody)
            return (null, AdminErrors.InvalidArgument($"The request body is larger than {MaxRequestBody} bytes"));
        if (buffer.Length == 0)
            return (empty, null);

        try
        {
            return (JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) ?? empty, null);
        }
        catch (JsonException e)
        {
            return (null, AdminErrors.InvalidArgument($"The request body is not the expected JSON: {e.Message}"));
        }
    }

    private sealed class JsonBytesResult(byte[] body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ApiJson.ContentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
