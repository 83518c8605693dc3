using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Teos.Api.Connections;

/// <summary>
/// The silo's connection budget, shared by all its listeners: at most <see cref="MaxConnections"/> open at once
/// (fewer when the free descriptors allow fewer, <see cref="DescriptorHeadroom"/>), of which the public listener
/// may fill all but the operator's reserve, and at most <see cref="MaxConnectionsPerAddress"/> from one client
/// address per listener. A connection over a limit is
/// closed as soon as it is accepted, so descriptors never run out and the process never dies of a flood. Each
/// listener joins with <see cref="ListenOptionsConnectionLimitExtensions.UseConnectionLimits"/>.
/// </summary>
public sealed partial class ConnectionLimits
{
    private static readonly TimeSpan RefusalReportInterval = TimeSpan.FromSeconds(10);

    private readonly ConnectionLimitOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DescriptorHeadroom? _headroom;
    private int _open;
    private long _refused;
    private long _lastReport; // 0: never

    /// <param name="descriptorLimit">RLIMIT_NOFILE (<see cref="DescriptorLimit.Read"/>); null where there is none.</param>
    /// <param name="descriptorsInUse">Descriptors open now (<see cref="DescriptorLimit.InUse"/>).</param>
    /// <exception cref="ArgumentException">An option is out of range, or max_connections does not fit under the descriptor limit.</exception>
    public ConnectionLimits(
        ConnectionLimitOptions options,
        TrustedProxies proxies,
        long? descriptorLimit,
        Func<long?> descriptorsInUse,
        ILogger logger,
        TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Proxies = proxies;
        DescriptorLimit = descriptorLimit;
        MaxConnections = Resolve(options.MaxConnections, descriptorLimit);
        _headroom = descriptorLimit is { } limit ? new DescriptorHeadroom(limit, descriptorsInUse, logger, _time) : null;
    }

    public long? DescriptorLimit { get; }

    public int MaxConnections { get; }

    /// <summary>The cap in force: <see cref="MaxConnections"/>, or fewer when the free descriptors allow fewer.</summary>
    public int EffectiveMaxConnections => Math.Min(MaxConnections, _headroom?.ConnectionsAllowed(Open) ?? int.MaxValue);

    public int MaxConnectionsPerAddress => _options.MaxConnectionsPerAddress;

    public TrustedProxies Proxies { get; }

    /// <summary>Connections open now, on all listeners.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Connections refused so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Reads the descriptor limit, resolves the cap and logs both.</summary>
    public static ConnectionLimits Create(ConnectionLimitOptions options, TrustedProxies proxies, ILogger logger)
    {
        var limits = new ConnectionLimits(options, proxies, Connections.DescriptorLimit.Read(), Connections.DescriptorLimit.InUse, logger);
        LogLimits(
            logger,
            limits.MaxConnections,
            options.MaxConnections > 0 ? "max_connections" : $"75 % of the descriptor limit {limits.DescriptorLimit?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}",
            limits.MaxConnectionsPerAddress,
            OperatorReserve(limits.MaxConnections),
            options.KeepAliveTimeout.TotalSeconds,
            options.RequestHeadersTimeout.TotalSeconds);
        // The first count of the descriptors in use, logged when they allow fewer connections than that.
        _ = limits.EffectiveMaxConnections;
        return limits;
    }

    /// <summary>Kestrel's own limits, which hold on every listener: idle and header timeouts, HTTP/2 streams.</summary>
    public void ApplyTo(KestrelServerOptions kestrel)
    {
        var limits = kestrel.Limits;
        limits.KeepAliveTimeout = _options.KeepAliveTimeout;
        limits.RequestHeadersTimeout = _options.RequestHeadersTimeout;
        limits.Http2.MaxStreamsPerConnection = _options.MaxStreamsPerConnection;
        // A peer that stops answering pings is closed, instead of holding its streams until the idle timeout.
        limits.Http2.KeepAlivePingDelay = _options.KeepAliveTimeout;
        limits.Http2.KeepAlivePingTimeout = _options.RequestHeadersTimeout;
    }

    /// <summary>A gate for one listener, with its own per-address counts.</summary>
    public ConnectionGate GateFor(ListenerRole role) => new(this, role);

    /// <summary>Connections only the operator's listeners may use, so a flood of the public port cannot lock the operator out.</summary>
    public static int OperatorReserve(int cap) => Math.Min(32, cap / 4);

    internal bool TryOpen(ListenerRole role)
    {
        var cap = EffectiveMaxConnections;
        var ceiling = role == ListenerRole.Public ? cap - OperatorReserve(cap) : cap;
        if (Interlocked.Increment(ref _open) <= ceiling)
            return true;
        Interlocked.Decrement(ref _open);
        return false;
    }

    internal void Close() => Interlocked.Decrement(ref _open);

    /// <summary>Counts a refusal; logs a summary at most every 10 s, so a flood cannot flood the log too.</summary>
    internal void Refuse(IPAddress address, string limit)
    {
        var refused = Interlocked.Increment(ref _refused);
        var last = Interlocked.Read(ref _lastReport);
        if ((last != 0 && _time.GetElapsedTime(last) < RefusalReportInterval)
            || Interlocked.CompareExchange(ref _lastReport, _time.GetTimestamp(), last) != last)
            return;
        LogRefused(_logger, refused, limit, address.ToString(), Open);
    }

    private static int Resolve(int configured, long? descriptorLimit)
    {
        if (configured > 0 && descriptorLimit is { } limit && configured >= limit)
        {
            throw new ArgumentException(
                $"max_connections ({configured}) must stay below the process' descriptor limit ({limit}): lower it, or raise the limit (ulimit -n, LimitNOFILE=)");
        }

        if (configured > 0)
            return configured;
        // Without a readable limit (Windows) a cap is still needed; Windows sockets are not descriptors.
        var derived = descriptorLimit is { } known ? (long)(known * ConnectionLimitOptions.DescriptorShare) : 10_000;
        return (int)Math.Clamp(derived, 1, int.MaxValue);
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Connection limits: {MaxConnections} concurrent ({Source}), {PerAddress} per client address, {Reserve} kept for the operator's listeners; idle timeout {KeepAliveSeconds} s, header timeout {HeadersSeconds} s")]
    private static partial void LogLimits(ILogger logger, int maxConnections, string source, int perAddress, int reserve, double keepAliveSeconds, double headersSeconds);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "Refusing connections: {Refused} refused since start, the latest over {Limit} (from {Address}); {Open} open")]
    private static partial void LogRefused(ILogger logger, long refused, string limit, string address, int open);
}
