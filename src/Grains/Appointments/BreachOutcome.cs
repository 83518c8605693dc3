using NBitcoin;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>What answering a breach did to the appointment.</summary>
[GenerateSerializer, Immutable, Alias("teos.breach-outcome")]
public sealed record BreachOutcome(BreachResult Result, UserId UserId, uint256? PenaltyTxid)
{
    public static BreachOutcome Gone(UserId userId = default) => new(BreachResult.NotWatched, userId, null);
}

public enum BreachResult
{
    /// <summary>Nothing stored under this uuid (deleted, or never written).</summary>
    NotWatched,

    /// <summary>A tracker follows the penalty (started now, or earlier: a replayed block).</summary>
    Triggered,

    /// <summary>The blob does not open to a transaction, or bitcoind rejected the penalty: dropped, its slots burned.</summary>
    Invalid,
}
