using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Teos.BitcoindSim.Chain;
using Teos.BitcoindSim.Rpc;

namespace Teos.BitcoindSim.Server;

/// <summary>
/// A bitcoind regtest stand-in speaking JSON-RPC 1.0 over HTTP with basic auth, on 127.0.0.1 only. Tests drive
/// <see cref="Chain"/> directly, or the sim_* RPC methods from another process.
/// </summary>
public sealed class BitcoindSimServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly RpcCredentials _credentials;
    private readonly SimRpcMethods _methods;
    private readonly TaskCompletionSource _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SimFault>> _faults = new();
    private WebApplication? _app;
    private Socket? _portHold;

    private BitcoindSimServer(BitcoindSimOptions options)
    {
        Options = options;
        Port = options.Port;
        Chain = new RegtestChain(options.Chain);
        _credentials = new RpcCredentials(options);
        _methods = new SimRpcMethods(Chain, this);
    }

    public BitcoindSimOptions Options { get; }

    public RegtestChain Chain { get; }

    /// <summary>The bound port; the same across <see cref="StopListeningAsync"/> and <see cref="StartListeningAsync"/>.</summary>
    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public bool IsListening => _app is not null;

    /// <summary>Completes when a client calls "stop" (the executable exits then).</summary>
    public Task ShutdownRequested => _shutdownRequested.Task;

    public static async Task<BitcoindSimServer> StartAsync(BitcoindSimOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new BitcoindSimServer(options ?? new BitcoindSimOptions());
        if (server.Options.CookiePath is not null)
            server.RotateCookie();
        if (server.Options.InitialBlocks > 0)
            server.Chain.Mine(server.Options.InitialBlocks);
        await server.StartListeningAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Comes back after <see cref="StopListeningAsync"/>, on the same port.</summary>
    public async Task StartListeningAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null)
                return;
            _portHold?.Dispose();
            _portHold = null;
            var app = BuildApp(Port);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Port = new Uri(app.Urls.First()).Port;
            _app = app;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Goes unavailable: the listener closes, so connections are refused as with a stopped bitcoind.</summary>
    public async Task StopListeningAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_app is null)
                return;
            // Bounded: open keep-alive connections must not hold the simulated outage back.
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
            _portHold = HoldPort(Port);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops listening now and comes back after <paramref name="downtime"/>, without blocking the caller.</summary>
    public void GoUnavailableInBackground(TimeSpan downtime) =>
        _ = Task.Run(async () =>
        {
            // Let the current RPC answer go out before the listener closes.
            await Task.Delay(50).ConfigureAwait(false);
            await StopListeningAsync().ConfigureAwait(false);
            await Task.Delay(downtime).ConfigureAwait(false);
            await StartListeningAsync().ConfigureAwait(false);
        });

    /// <summary>Answers the next call of <paramref name="method"/> with <paramref name="fault"/> instead of the real result.</summary>
    public void InjectFault(string method, SimFault fault) => _faults.GetOrAdd(method, _ => new()).Enqueue(fault);

    /// <summary>Writes a new cookie, as bitcoind does when it restarts; the previous cookie is refused from now on.</summary>
    public void RotateCookie() => _credentials.RotateCookie();

    internal void RequestShutdown() => _shutdownRequested.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await StopListeningAsync().ConfigureAwait(false);
        _portHold?.Dispose();
        _lifecycle.Dispose();
    }

    /// <summary>
    /// Binds the port without listening on it, for the outage: connections are still refused, but the kernel gives a
    /// bound port to no server asking for any free one. Without this, another test's simulator could be handed the
    /// port, and a client retrying through the outage would be answered by it.
    /// </summary>
    private static Socket HoldPort(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // The closed listener's connections linger in TIME_WAIT on this port.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private WebApplication BuildApp(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        return app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!_credentials.Accepts(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"jsonrpc\"";
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        JsonDocument request;
        try
        {
            request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, Reply(null, null, -32700, "Parse error")).ConfigureAwait(false);
            return;
        }

        using (request)
        {
            if (request.RootElement.ValueKind == JsonValueKind.Array)
            {
                var replies = new JsonArray([.. request.RootElement.EnumerateArray().Select(call => (JsonNode)Answer(call).Reply)]);
                await WriteAsync(context, StatusCodes.Status200OK, replies).ConfigureAwait(false);
                return;
            }

            if (TakeFault(request.RootElement) is { } fault)
            {
                context.Response.StatusCode = fault.Status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(fault.Body, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var (status, reply) = Answer(request.RootElement);
            await WriteAsync(context, status, reply).ConfigureAwait(false);
        }
    }

    /// <summary>bitcoind's status codes for JSON-RPC 1.0: 200 with a result, 404 for an unknown method, 500 for other errors.</summary>
    private (int Status, JsonObject Reply) Answer(JsonElement call)
    {
        JsonNode? id = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("id", out var idElement) ? JsonNode.Parse(idElement.GetRawText()) : null;
        if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            return (StatusCodes.Status400BadRequest, Reply(id, null, -32600, "Invalid Request object"));

        try
        {
            var parameters = call.TryGetProperty("params", out var p) ? p : (JsonElement?)null;
            var result = _methods.Invoke(method.GetString()!, new RpcParams(parameters));
            return (StatusCodes.Status200OK, Reply(id, result, null, null));
        }
        catch (SimRpcException e)
        {
            var status = e.Code == -32601 ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError;
            return (status, Reply(id, null, e.Code, e.Message));
        }
        catch (ArgumentException e)
        {
            return (StatusCodes.Status500InternalServerError, Reply(id, null, -8, e.Message));
        }
    }

    private SimFault? TakeFault(JsonElement call) =>
        call.ValueKind == JsonValueKind.Object && call.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
        && _faults.TryGetValue(method.GetString()!, out var queue) && queue.TryDequeue(out var fault)
            ? fault
            : null;

    private static JsonObject Reply(JsonNode? id, JsonNode? result, int? code, string? message) => new()
    {
        ["result"] = result,
        ["error"] = code is null ? null : new JsonObject { ["code"] = code, ["message"] = message },
        ["id"] = id,
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
