using System.Net;
using System.Net.Sockets;

namespace Teos.Api.Connections;

/// <summary>
/// The key per-client limits count by: an IPv4 address as is (also when it arrives IPv4-mapped), an IPv6 address
/// by its /64 network, since one subscriber usually holds a whole /64 and could otherwise pick a fresh address per
/// connection.
/// </summary>
public static class ClientAddress
{
    public static IPAddress Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address;

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
