using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>
/// get_tower_info answer: spec 5.1's fields in its order, then Teos additions: the last processed block
/// (null before the first) and whether this silo runs the block feed (one silo of a cluster does).
/// </summary>
public sealed record TowerInfoResponse(
    [property: JsonPropertyName("tower_id")] string TowerId,
    [property: JsonPropertyName("n_registered_users")] long RegisteredUsers,
    [property: JsonPropertyName("n_watcher_appointments")] long WatcherAppointments,
    [property: JsonPropertyName("n_responder_trackers")] long ResponderTrackers,
    [property: JsonPropertyName("bitcoind_reachable")] bool BitcoindReachable,
    [property: JsonPropertyName("addresses")] IReadOnlyList<NetworkAddressData> Addresses,
    [property: JsonPropertyName("tip_height")] uint? TipHeight,
    [property: JsonPropertyName("tip_hash")] string? TipHash,
    [property: JsonPropertyName("is_leader")] bool IsLeader);
