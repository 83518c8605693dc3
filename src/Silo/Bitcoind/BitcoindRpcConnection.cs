using System.Net;
using Microsoft.Extensions.Logging;
using NBitcoin;
using NBitcoin.RPC;
using Teos.Grains.Chain;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// The tower's behaviour around NBitcoin's <see cref="RPCClient"/> (spec 4.8): each attempt bounded in time, bounded
/// exponential backoff while bitcoind is unreachable or warming up, reachability for the API's 503s, and every
/// failure turned into the typed exceptions of <see cref="IBitcoinNode"/>.
/// </summary>
public sealed partial class BitcoindRpcConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly BitcoindCredentials _credentials;
    private readonly BitcoindOptions _options;
    private readonly Network _network;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private RPCClient? _client;
    private bool _reachable = true;

    public BitcoindRpcConnection(BitcoindOptions options, ILogger logger, TimeProvider? time = null)
    {
        _options = options;
        Endpoint = options.RpcEndpoint();
        _credentials = BitcoindCredentials.FromOptions(options);
        // Only names the classes NBitcoin builds: Bitcoin's serialization is the same on every network.
        _network = Network.GetNetwork(options.Chain) ?? Network.Main;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        // Timeouts are per attempt (below), so the client itself never gives up on its own.
        _http = new HttpClient(new WorkQueueFullHandler(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
        }))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// False from the first failed attempt until bitcoind answers again, so the API can answer 503 while the
    /// retries are still running (spec 4.8) instead of after the whole retry budget.
    /// </summary>
    public bool IsReachable => Volatile.Read(ref _reachable);

    /// <summary>Runs <paramref name="call"/> (one RPC through NBitcoin's client) with the tower's retries and error mapping.</summary>
    public async Task<T> CallAsync<T>(string method, Func<RPCClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var delay = _options.RetryInitialDelay;
        var attempt = 0;
        while (true)
        {
            attempt++;
            string failure;
            try
            {
                var result = await CallOnceAsync(method, call, cancellationToken).ConfigureAwait(false);
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
                throw new BitcoindUnreachableException($"bitcoind at {Endpoint} unreachable for {method} after {attempt} attempts: {failure}");

            LogRetrying(method, attempt, delay.TotalMilliseconds, failure);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> CallOnceAsync<T>(string method, Func<RPCClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return await call(Client(), attemptTimeout.Token).ConfigureAwait(false);
        }
        catch (RPCException e) when (e.RPCCode == RPCErrorCode.RPC_IN_WARMUP)
        {
            // bitcoind is loading its block index; it will answer soon, like an unreachable node.
            throw new TransientRpcFailure($"bitcoind warming up: {e.Message}");
        }
        catch (RPCException e)
        {
            throw new BitcoinRpcException(method, (int)e.RPCCode, e.Message);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // NBitcoin already re-read the cookie once; a cookie that is gone means bitcoind is restarting.
            CheckCookie();
            throw new BitcoindAuthenticationException(
                $"bitcoind at {Endpoint} refused the RPC credentials (HTTP {(int)e.StatusCode}); check btc_rpc_user/btc_rpc_password or btc_rpc_cookie (and rpcallowip)");
        }
        catch (HttpRequestException e) when (e.StatusCode is null or HttpStatusCode.ServiceUnavailable)
        {
            throw new TransientRpcFailure(e.Message);
        }
        catch (HttpRequestException e)
        {
            throw new BitcoindReplyException($"bitcoind answered {method} with HTTP {(int)e.StatusCode!} and no JSON-RPC reply", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientRpcFailure($"no answer to {method} within {_options.RequestTimeout.TotalSeconds:F1} s");
        }
        catch (IOException e)
        {
            throw new TransientRpcFailure(e.Message);
        }
        catch (Exception e) when (e is not (OperationCanceledException or BitcoindException or TransientRpcFailure))
        {
            // Not JSON, not a JSON-RPC envelope, or a result of the wrong shape: NBitcoin reports these with
            // whatever its JSON reader or its parsers throw.
            throw new BitcoindReplyException($"bitcoind's reply to {method} is not what bitcoind sends: {e.Message}", e);
        }
    }

    /// <summary>The client, made once the credentials are usable (a cookie file bitcoind may not have written yet).</summary>
    private RPCClient Client()
    {
        lock (_gate)
        {
            if (_client is not null)
                return _client;
            RPCCredentialString credentials;
            try
            {
                credentials = _credentials.ForRpcClient();
            }
            catch (BitcoindCookieException e)
            {
                throw new TransientRpcFailure(e.Message);
            }

            return _client = new RPCClient(credentials, Endpoint, _network) { HttpClient = _http };
        }
    }

    private void CheckCookie()
    {
        try
        {
            _credentials.CheckCookie();
        }
        catch (BitcoindCookieException e)
        {
            throw new TransientRpcFailure(e.Message);
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "bitcoind {Method} attempt {Attempt} failed, retrying in {DelayMs} ms: {Reason}")]
    private partial void LogRetrying(string method, int attempt, double delayMs, string reason);

    /// <summary>A failure worth retrying: bitcoind unreachable, overloaded or starting.</summary>
    private sealed class TransientRpcFailure(string message) : Exception(message);

    /// <summary>
    /// bitcoind answers 503 when its work queue is full. NBitcoin's client would retry that inside one call until
    /// the attempt times out; the tower counts it as unreachable at once (spec 4.8) and retries in its own loop.
    /// </summary>
    private sealed class WorkQueueFullHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                return response;
            response.Dispose();
            throw new HttpRequestException("HTTP 503 (work queue full)", null, HttpStatusCode.ServiceUnavailable);
        }
    }
}
