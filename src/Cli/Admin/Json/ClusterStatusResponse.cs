using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>
/// get_cluster_status answer: every silo of the membership table, and where the block feed runs with its tip (null
/// while the feed is moving between silos). Times are UTC, ISO 8601.
/// </summary>
public sealed record ClusterStatusResponse(
    [property: JsonPropertyName("silos")] IReadOnlyList<SiloData> Silos,
    [property: JsonPropertyName("block_feed_silo")] string? BlockFeedSilo,
    [property: JsonPropertyName("block_feed_tip_height")] uint? BlockFeedTipHeight,
    [property: JsonPropertyName("block_feed_tip_hash")] string? BlockFeedTipHash,
    [property: JsonPropertyName("answered_by")] string AnsweredBy);
