using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>A public address of the tower (spec 5.1 <c>NetworkAddress</c>, <c>address_type</c> renamed <c>type</c>).</summary>
public sealed record NetworkAddressData(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("port")] int Port)
{
    public const string IpV4 = "ipv4";

    /// <summary>Not in rust-teos (which only knows ipv4 and torv3): a tower bound to an IPv6 address.</summary>
    public const string IpV6 = "ipv6";
}
