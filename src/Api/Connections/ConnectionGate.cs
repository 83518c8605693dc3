using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Teos.Api.Connections;

/// <summary>
/// One listener's connection middleware: admits a connection while the silo's budget and its address' share
/// allow, and otherwise returns at once, which makes Kestrel close it before any byte is read.
/// </summary>
public sealed class ConnectionGate
{
    private readonly ConnectionLimits _limits;
    private readonly ListenerRole _role;
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();

    internal ConnectionGate(ConnectionLimits limits, ListenerRole role)
    {
        _limits = limits;
        _role = role;
    }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var peer = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        var address = ClientAddress.Of(peer);
        var limit = TryEnter(address, exempt: _limits.Proxies.Contains(peer));
        if (limit is not null)
        {
            _limits.Refuse(address, limit);
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address);
        }
    }

    /// <returns>Null when admitted, else the limit that refused.</returns>
    private string? TryEnter(IPAddress address, bool exempt)
    {
        lock (_lock)
        {
            var open = _perAddress.GetValueOrDefault(address);
            if (!exempt && open >= _limits.MaxConnectionsPerAddress)
                return "max_connections_per_address";
            if (!_limits.TryOpen(_role))
                return "max_connections";
            _perAddress[address] = open + 1;
            return null;
        }
    }

    private void Leave(IPAddress address)
    {
        lock (_lock)
        {
            var open = _perAddress[address] - 1;
            if (open == 0)
                _perAddress.Remove(address);
            else
                _perAddress[address] = open;
        }

        _limits.Close();
    }
}
