using NBitcoin;

namespace Teos.Grains.Trackers;

/// <summary>A connected block as one tracker needs it: where it is, and whether it holds the tracker's penalty.</summary>
[GenerateSerializer, Immutable, Alias("teos.tracker-block")]
public sealed record TrackerBlock(uint Height, uint256 Hash, bool HoldsPenalty);
