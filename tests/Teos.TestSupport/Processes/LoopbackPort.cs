using System.Net;
using System.Net.Sockets;

namespace Teos.TestSupport.Processes;

/// <summary>Ports for servers the tests and benchmarks start, on loopback only.</summary>
public static class LoopbackPort
{
    // Below Linux's ephemeral range (32768-60999 by default): the kernel hands those out to every port-0 listener
    // and outgoing connection of the parallel test processes, so a port picked there can be taken before the
    // server binds it. Ports here are only taken by someone asking for them by number.
    private const int First = 20_000;
    private const int End = 32_000;
    private const int Attempts = 200;

    /// <summary>A free port, for servers that must keep their address across restarts.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            if (IsFree(port))
                return port;
        }

        throw new InvalidOperationException($"no free loopback port in {First}-{End} after {Attempts} attempts");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
