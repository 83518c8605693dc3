using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Teos.Api.Errors;
using Teos.Grains.Storage;

namespace Teos.Api.Http;

/// <summary>
/// Runs every public request: framing checks, body read, endpoint, and the single exception boundary that turns
/// anything unexpected into 400/255 (or 503/32 when bitcoind, the store or a silo is out of order), so Kestrel never answers
/// 500 (spec 3.2).
/// </summary>
public sealed partial class PublicApiDispatcher(ILogger<PublicApiDispatcher> logger)
{
    public async Task DispatchAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        ApiReply reply;
        try
        {
            reply = await AnswerAsync(context, aborted);
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && FailureMapping.OutageOf(exception) is { } outage)
        {
            // The machine's or the cluster's fault, not a bug: one line, no stack trace; the client may try again.
            LogUnavailable(context.Request.Path.Value ?? string.Empty, outage.Message);
            reply = FailureMapping.ForException(exception);
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            LogUnexpected(exception, context.Request.Path.Value ?? string.Empty);
            reply = FailureMapping.ForException(exception);
        }
        catch (Exception)
        {
            // The client is gone: nobody to answer.
            return;
        }

        if (!aborted.IsCancellationRequested)
            await WriteAsync(context.Response, reply, aborted);
    }

    private static async Task<ApiReply> AnswerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var route = PublicRoutes.Find(context.Request.Path);
        if (RequestFraming.Check(context.Request, route) is { } framingError)
            return framingError;
        if (route!.Endpoint is null)
            return ApiReply.Empty;

        // Content-Length is known and within the route's limit (checked above), so this buffer is small.
        var body = new byte[context.Request.ContentLength!.Value];
        try
        {
            await context.Request.Body.ReadExactlyAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is EndOfStreamException or BadHttpRequestException)
        {
            // The client sent less than its Content-Length: a malformed request, not a tower failure.
            return ApiErrors.InvalidRequestFormat("EOF while parsing: the body is shorter than its Content-Length");
        }

        var endpoint = (IPublicEndpoint)context.RequestServices.GetRequiredService(route.Endpoint);
        return await endpoint.HandleAsync(body, cancellationToken);
    }

    internal static async Task WriteAsync(HttpResponse response, ApiReply reply, CancellationToken cancellationToken)
    {
        response.StatusCode = reply.Status;
        if (reply.Body is null)
        {
            response.ContentLength = 0;
            return;
        }

        var json = ApiJson.Serialize(reply.Body);
        response.ContentType = ApiJson.ContentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private partial void LogUnexpected(Exception exception, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Answered {Path} with 503: {Reason}")]
    private partial void LogUnavailable(string path, string reason);
}
