using System.Net;

namespace Teos.Api.Connections;

/// <summary>
/// The reverse proxies whose X-Forwarded-For the silo believes [trusted_proxies]: addresses or CIDR networks. A
/// request from anyone else is counted by its own peer address, whatever headers it sends. A trusted proxy's own
/// connections are not held to the per-address connection limit: they carry many clients.
/// </summary>
public sealed class TrustedProxies
{
    private TrustedProxies(IReadOnlyList<IPNetwork> networks) => Networks = networks;

    public static TrustedProxies None { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks { get; }

    /// <param name="list">Comma- or space-separated addresses and networks, e.g. "127.0.0.1, 10.1.0.0/16, ::1".</param>
    /// <exception cref="ArgumentException">An entry is neither an address nor a network.</exception>
    public static TrustedProxies Parse(string list)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in list.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
                networks.Add(new IPNetwork(Unmapped(address), Unmapped(address).GetAddressBytes().Length * 8));
            else if (IPNetwork.TryParse(entry, out var network))
                networks.Add(network);
            else
                throw new ArgumentException($"trusted_proxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8");
        }

        return new TrustedProxies(networks);
    }

    public bool Contains(IPAddress address)
    {
        var peer = Unmapped(address);
        foreach (var network in Networks)
        {
            if (network.Contains(peer))
                return true;
        }

        return false;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
