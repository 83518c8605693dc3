using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>One silo of get_cluster_status; <c>last_heartbeat</c> is null when the membership table has none.</summary>
public sealed record SiloData(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("generation")] int Generation,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host_name")] string HostName,
    [property: JsonPropertyName("start_time")] DateTime StartTime,
    [property: JsonPropertyName("last_heartbeat")] DateTime? LastHeartbeat,
    [property: JsonPropertyName("gateway_port")] uint GatewayPort,
    [property: JsonPropertyName("hosts_block_feed")] bool HostsBlockFeed);
