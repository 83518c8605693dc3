using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// One JSON-RPC call to bitcoind over HTTP: authentication (re-reading the cookie on 401), a timeout per
/// attempt, and bounded exponential backoff while bitcoind is unreachable or warming up.
/// </summary>
public sealed partial class BitcoindRpcConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly BitcoindCredentials _credentials;
    private readonly BitcoindOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _nextId;
    private bool _reachable = true;

    public BitcoindRpcConnection(BitcoindOptions options, BitcoindCredentials credentials, ILogger logger, TimeProvider? time = null)
    {
        _options = options;
        _endpoint = options.RpcEndpoint();
        _credentials = credentials;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        // Timeouts are per attempt (below), so the client itself never gives up on its own.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.RequestTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Endpoint => _endpoint;

    /// <summary>
    /// False from the first failed attempt until bitcoind answers again, so the API can answer 503 while the
    /// retries are still running (spec 4.8) instead of after the whole retry budget.
    /// </summary>
    public bool IsReachable => Volatile.Read(ref _reachable);

    /// <summary>Calls <paramref name="method"/> and returns its "result".</summary>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyList<object> parameters, CancellationToken cancellationToken)
    {
        var request = JsonRpcRequest.Serialize(Interlocked.Increment(ref _nextId), method, parameters);
        var started = _time.GetTimestamp();
        var delay = _options.RetryInitialDelay;
        var attempt = 0;
        while (true)
        {
            attempt++;
            string failure;
            try
            {
                var result = await CallOnceAsync(method, request, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _reachable, true);
                return result;
            }
            catch (BitcoinRpcException)
            {
                Volatile.Write(ref _reachable, true);
                throw;
            }
            catch (TransientRpcFailure e)
            {
                Volatile.Write(ref _reachable, false);
                failure = e.Message;
            }

            if (_time.GetElapsedTime(started) + delay > _options.RetryBudget)
                throw new BitcoindUnreachableException($"bitcoind at {_endpoint} unreachable for {method} after {attempt} attempts: {failure}");

            LogRetrying(method, attempt, delay.TotalMilliseconds, failure);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> CallOnceAsync(string method, byte[] request, CancellationToken cancellationToken)
    {
        var auth = CurrentCredentials();
        using var response = await PostAsync(method, request, auth, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return await RetryWithReloadedCookieAsync(method, request, auth, response.StatusCode, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(method, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonElement> RetryWithReloadedCookieAsync(string method, byte[] request, AuthenticationHeaderValue rejected, HttpStatusCode status, CancellationToken cancellationToken)
    {
        // bitcoind writes a new cookie each time it starts: one retry with the file's current content.
        if (status == HttpStatusCode.Unauthorized && ReloadCookie(rejected))
        {
            LogCookieReloaded();
            using var retried = await PostAsync(method, request, CurrentCredentials(), cancellationToken).ConfigureAwait(false);
            if (retried.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                return await ReadReplyAsync(method, retried, cancellationToken).ConfigureAwait(false);
            status = retried.StatusCode;
        }

        throw new BitcoindAuthenticationException(
            $"bitcoind at {_endpoint} refused the RPC credentials (HTTP {(int)status}); check btc_rpc_user/btc_rpc_password or btc_rpc_cookie (and rpcallowip)");
    }

    private async Task<HttpResponseMessage> PostAsync(string method, byte[] request, AuthenticationHeaderValue auth, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.RequestTimeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(request) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Authorization = auth;
        try
        {
            var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                response.Dispose();
                throw new TransientRpcFailure("HTTP 503 (work queue full)");
            }

            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientRpcFailure($"no answer to {method} within {_options.RequestTimeout.TotalSeconds:F1} s");
        }
        catch (HttpRequestException e)
        {
            throw new TransientRpcFailure(e.Message);
        }
    }

    private async Task<JsonElement> ReadReplyAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TransientRpcFailure(e.Message);
        }

        var reply = JsonRpcReply.Parse(method, (int)response.StatusCode, body);
        if (reply.ErrorCode is { } code)
        {
            // -28: bitcoind is loading its block index; it will answer soon, like an unreachable node.
            if (code == RpcErrorCode.InWarmup)
                throw new TransientRpcFailure($"bitcoind warming up: {reply.ErrorMessage}");
            throw new BitcoinRpcException(method, code, reply.ErrorMessage!);
        }

        if (!response.IsSuccessStatusCode)
            throw new BitcoindReplyException($"bitcoind answered {method} with HTTP {(int)response.StatusCode} and no error");
        return reply.Result;
    }

    private AuthenticationHeaderValue CurrentCredentials()
    {
        try
        {
            return _credentials.Current();
        }
        catch (BitcoindCookieException e)
        {
            throw new TransientRpcFailure(e.Message);
        }
    }

    private bool ReloadCookie(AuthenticationHeaderValue rejected)
    {
        try
        {
            return _credentials.Reload(rejected);
        }
        catch (BitcoindCookieException e)
        {
            throw new TransientRpcFailure(e.Message);
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "bitcoind {Method} attempt {Attempt} failed, retrying in {DelayMs} ms: {Reason}")]
    private partial void LogRetrying(string method, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "bitcoind refused the credentials; re-read its cookie file and retrying")]
    private partial void LogCookieReloaded();

    /// <summary>A failure worth retrying: bitcoind unreachable, overloaded or starting.</summary>
    private sealed class TransientRpcFailure(string message) : Exception(message);
}
