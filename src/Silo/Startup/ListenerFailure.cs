using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Teos.Silo.Configuration;

namespace Teos.Silo.Startup;

/// <summary>Kestrel's failure to bind a listener, told as which teosd option to change.</summary>
public static partial class ListenerFailure
{
    /// <returns>The one-line message, or null when <paramref name="exception"/> is not a bind failure.</returns>
    public static string? Describe(IOException exception, TeosdOptions teosd)
    {
        var match = BindFailure().Match(exception.Message);
        if (!match.Success)
            return null;

        var (host, port) = (match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var (bindFlag, portFlag) =
            port == teosd.ApiPort ? ("--apibind", "--apiport")
            : port == teosd.RpcPort ? ("--rpcbind", "--rpcport")
            : port == teosd.MetricsPort ? ("--metricsbind", "--metricsport")
            : ("the bind address", "the port");
        var address = $"{host}:{port}";
        return exception.InnerException switch
        {
            AddressInUseException =>
                $"cannot listen on {address}: the port is already in use (another teosd?): stop that process or choose another port with {portFlag}",
            SocketException { SocketErrorCode: SocketError.AccessDenied } =>
                $"cannot listen on {address}: permission denied (ports below 1024 need privileges): choose another port with {portFlag}",
            SocketException { SocketErrorCode: SocketError.AddressNotAvailable } =>
                $"cannot listen on {address}: {host} is not an address of this machine: fix {bindFlag}",
            { } inner => $"cannot listen on {address}: {inner.Message}: check {bindFlag} and {portFlag}",
            null => $"cannot listen on {address}: check {bindFlag} and {portFlag}",
        };
    }

    // Kestrel: "Failed to bind to address http://127.0.0.1:9814: address already in use."
    [GeneratedRegex(@"Failed to bind to address https?://(?<host>\[[^\]]+\]|[^:/\s]+):(?<port>\d+)")]
    private static partial Regex BindFailure();
}
