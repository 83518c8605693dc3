using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Teos.Api.Admin;

/// <summary>
/// The silo's two Kestrel listeners, handed over by the host when it configures Kestrel. Kestrel replaces a
/// listener's end point with the bound one, so port 0 resolves to the real port once the server started.
/// </summary>
public sealed class ApiListeners
{
    public ListenOptions? Public { get; set; }

    public ListenOptions? Admin { get; set; }

    /// <summary>Whether the admin listener also serves the Orleans Dashboard (teosd --dashboard).</summary>
    public bool DashboardOn { get; set; }

    public IPEndPoint? PublicEndPoint => Public?.IPEndPoint;

    public IPEndPoint? AdminEndPoint => Admin?.IPEndPoint;

    /// <summary>
    /// Whether the connection came in through the admin listener. The host refuses equal public and admin ports,
    /// so the local port alone tells the listeners apart.
    /// </summary>
    public bool IsAdminConnection(ConnectionInfo connection) =>
        AdminEndPoint is { Port: > 0 } admin && connection.LocalPort == admin.Port;
}
