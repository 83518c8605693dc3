namespace Teos.Api.Connections;

/// <summary>
/// Limits on connections, for every listener (teosd option names in brackets). The cap counts connections on all
/// listeners of this silo together, since they draw on one descriptor limit.
/// </summary>
public sealed class ConnectionLimitOptions
{
    /// <summary>Share of the descriptor limit that connections may take when <see cref="MaxConnections"/> is 0.</summary>
    public const double DescriptorShare = 0.75;

    /// <summary>Concurrent connections on all listeners [max_connections]; 0: 75 % of the descriptor limit.</summary>
    public int MaxConnections { get; set; }

    /// <summary>Concurrent connections from one client address (an IPv6 client: its /64) [max_connections_per_address].</summary>
    public int MaxConnectionsPerAddress { get; set; } = 256;

    /// <summary>How long a connection may sit idle, before its first request or between two [keep_alive_timeout].</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client may take to send a request's headers [request_headers_timeout].</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Concurrent HTTP/2 streams on one connection (the admin gRPC listener) [max_streams_per_connection].</summary>
    public int MaxStreamsPerConnection { get; set; } = 16;

    /// <exception cref="ArgumentException">A value out of range, naming its option.</exception>
    public void Validate()
    {
        Require(MaxConnections >= 0, "max_connections must be 0 (75 % of the descriptor limit) or more");
        Require(MaxConnectionsPerAddress > 0, "max_connections_per_address must be at least 1");
        Require(KeepAliveTimeout > TimeSpan.Zero, "keep_alive_timeout must be more than 0 seconds");
        Require(RequestHeadersTimeout > TimeSpan.Zero, "request_headers_timeout must be more than 0 seconds");
        Require(MaxStreamsPerConnection > 0, "max_streams_per_connection must be at least 1");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message);
    }
}
