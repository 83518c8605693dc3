using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Trackers;

/// <summary>
/// What a tracker grain persists (opaque grain state): the penalty it follows for one appointment (same uuid) until
/// irrevocably confirmed (spec 4.4), and the last block it applied, so a replayed block changes nothing twice.
/// </summary>
[GenerateSerializer, Alias("teos.tracker.v1")]
public sealed record TrackerState
{
    [Id(0)] public UserId UserId { get; init; }

    [Id(1)] public Locator Locator { get; init; }

    [Id(2)] public ClientProfile Profile { get; init; }

    /// <summary>Consensus serialization with witness.</summary>
    [Id(3)] public byte[] DisputeTx { get; init; } = [];

    /// <summary>Consensus serialization with witness.</summary>
    [Id(4)] public byte[] PenaltyTx { get; init; } = [];

    [Id(5)] public TrackerStatus Status { get; init; }

    /// <summary>Its confirming block left the chain: dispute and penalty are re-sent on the next block (spec 4.6).</summary>
    [Id(6)] public bool Reorged { get; init; }

    [Id(7)] public uint LastBlockHeight { get; init; }

    [Id(8)] public uint256? LastBlockHash { get; init; }
}
