using System.Net;

namespace Teos.Silo.Configuration;

/// <summary>
/// A bind setting (<c>api_bind</c>, <c>rpc_bind</c>) as the address Kestrel listens on. Kestrel cannot listen on
/// "localhost" with port 0, so names are resolved here: localhost is 127.0.0.1, as in teosd's default.
/// </summary>
public static class BindAddress
{
    public static IPAddress Resolve(string bind, string option)
    {
        if (bind is "" or "*")
            return IPAddress.Any;
        if (IPAddress.TryParse(bind.Trim('[', ']'), out var address))
            return address;
        if (string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        try
        {
            return Dns.GetHostAddresses(bind) is [var first, ..]
                ? first
                : throw new ArgumentException($"{option}: '{bind}' resolves to no address");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ArgumentException($"{option}: cannot resolve '{bind}' ({e.Message})", e);
        }
    }
}
