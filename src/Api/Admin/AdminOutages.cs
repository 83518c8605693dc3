using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Teos.Api.Errors;

namespace Teos.Api.Admin;

/// <summary>
/// An admin call that met an outage (bitcoind, the store, or a silo that did not answer in time) is answered
/// UNAVAILABLE with the public API's one-line reason and one warning line, instead of grpc-dotnet's UNKNOWN
/// "Exception was thrown by handler" and a stack trace: the operator learns what is down, and that a retry may work.
/// </summary>
internal sealed partial class AdminOutages(ILogger<AdminOutages> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException && FailureMapping.ForException(e) is { Status: 503 } outage)
        {
            LogUnavailable(context.Method, e.Message);
            throw AdminStatus.Unavailable(outage.Message);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Admin call {Method} answered UNAVAILABLE: {Reason}")]
    private partial void LogUnavailable(string method, string reason);
}
