using System.Net;
using System.Net.Sockets;

namespace Teos.TestSupport.Network;

/// <summary>
/// Clients that connect from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo), so one test can
/// play several client addresses against a server's per-address limits.
/// </summary>
public static class LoopbackClient
{
    /// <summary>127.0.0.<paramref name="last"/>.</summary>
    public static IPAddress Address(int last) => new([127, 0, 0, (byte)last]);

    /// <summary>An HTTP client whose connections come from <paramref name="source"/>.</summary>
    public static HttpClient Http(Uri server, IPAddress source, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = Bound(source);
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = server,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    /// <summary>A TCP connection from <paramref name="source"/> that sends nothing.</summary>
    public static async Task<Socket> ConnectIdleAsync(IPEndPoint server, IPAddress source, CancellationToken cancellationToken = default)
    {
        var socket = Bound(source);
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Socket Bound(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(source, 0));
        return socket;
    }
}
