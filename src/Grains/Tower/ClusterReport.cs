using Teos.Grains.BlockFeed;

namespace Teos.Grains.Tower;

/// <summary>The cluster as operators see it: every silo in the membership table, and the block feed's own report.</summary>
/// <param name="Feed">Null while the feed is moving between silos.</param>
/// <param name="AnsweredBy">The silo that gathered this report.</param>
public sealed record ClusterReport(IReadOnlyList<SiloReport> Silos, FeedReport? Feed, SiloAddress AnsweredBy);
