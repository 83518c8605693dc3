using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Teos.Api.Connections;
using Teos.Silo.Configuration;

namespace Teos.Silo.Operator;

/// <summary>
/// The operator listener on metrics_bind:metrics_port (default 127.0.0.1:9816): plain HTTP serving the Prometheus
/// metrics and the health probes, and nothing else; the public and admin listeners never serve them. Under the
/// silo's connection limits, with the admin listener's share.
/// </summary>
public sealed class OperatorListener
{
    private ListenOptions? _listen;

    private OperatorListener()
    {
    }

    /// <summary>The bound address once the server started (port 0 resolved).</summary>
    public IPEndPoint? EndPoint => _listen?.IPEndPoint;

    public static OperatorListener Configure(IWebHostBuilder webHost, TeosdOptions teosd, ConnectionLimits connectionLimits)
    {
        var address = BindAddress.Resolve(teosd.MetricsBind, "metrics_bind");
        var listener = new OperatorListener();
        webHost.ConfigureKestrel(kestrel => kestrel.Listen(address, teosd.MetricsPort, listen =>
        {
            listener._listen = listen;
            listen.UseConnectionLimits(connectionLimits, ListenerRole.Operator);
        }));
        return listener;
    }

    /// <summary>Whether the connection came in here; listener ports are distinct (checked at start), so the local port tells.</summary>
    public bool Owns(ConnectionInfo connection) => EndPoint is { Port: > 0 } own && connection.LocalPort == own.Port;
}
