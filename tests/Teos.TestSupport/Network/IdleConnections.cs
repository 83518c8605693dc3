using System.Net;
using System.Net.Sockets;

namespace Teos.TestSupport.Network;

/// <summary>
/// Many TCP connections that never send a byte, as a descriptor-exhaustion attack opens them, and a count of those
/// the server has closed (a closed connection reads as end of stream).
/// </summary>
public sealed class IdleConnections : IDisposable
{
    private readonly List<Socket> _sockets = [];

    public int Count => _sockets.Count;

    /// <summary>Opens <paramref name="count"/> connections to <paramref name="server"/> from the given source addresses in turn.</summary>
    public static async Task<IdleConnections> OpenAsync(IPEndPoint server, int count, IReadOnlyList<IPAddress> sources, int parallel = 64)
    {
        var connections = new IdleConnections();
        try
        {
            for (var first = 0; first < count; first += parallel)
            {
                var batch = Enumerable.Range(first, Math.Min(parallel, count - first))
                    .Select(i => LoopbackClient.ConnectIdleAsync(server, sources[i % sources.Count]));
                connections._sockets.AddRange(await Task.WhenAll(batch));
            }

            return connections;
        }
        catch
        {
            connections.Dispose();
            throw;
        }
    }

    /// <summary>Connections still open on the server's side: not readable, or readable with data waiting.</summary>
    public int StillOpen() => _sockets.Count(socket => !ClosedByPeer(socket));

    /// <summary>Polls until the number still open stops changing for <paramref name="quiet"/> (bounded by <paramref name="timeout"/>).</summary>
    public async Task<int> SettledOpenAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var open = StillOpen();
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - stableSince < quiet)
        {
            await Task.Delay(100);
            var now = StillOpen();
            if (now != open)
                (open, stableSince) = (now, DateTime.UtcNow);
        }

        return open;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
            socket.Dispose();
        _sockets.Clear();
    }

    private static bool ClosedByPeer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
