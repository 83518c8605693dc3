using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Teos.Api.Connections;

public static class ListenOptionsConnectionLimitExtensions
{
    /// <summary>
    /// Puts the listener under the silo's connection limits. Call it before UseHttps, so a refused connection
    /// costs no TLS handshake.
    /// </summary>
    public static ListenOptions UseConnectionLimits(this ListenOptions listen, ConnectionLimits limits, ListenerRole role)
    {
        var gate = limits.GateFor(role);
        listen.Use(gate.Wrap);
        return listen;
    }
}
