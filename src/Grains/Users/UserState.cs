using Teos.Protocol.Profiles;

namespace Teos.Grains.Users;

/// <summary>
/// What a user grain persists (typed row in <c>users</c>). Used slots are not stored: they are the sum of the
/// slot costs of the user's appointment rows, so an add_appointment writes only its own row.
/// </summary>
[GenerateSerializer, Alias("teos.user.v1")]
public sealed record UserState
{
    [Id(0)] public ClientProfile Profile { get; init; }

    /// <summary>Slots granted by every registration, minus slots burned by dropped appointments (no refund).</summary>
    [Id(1)] public long SlotAllowance { get; init; }

    [Id(2)] public uint SubscriptionStart { get; init; }

    [Id(3)] public uint SubscriptionExpiry { get; init; }

    /// <summary>The first height at which the user is outdated (expiry + expiry_delta, 64-bit): the rule core's answer, stored so the per-block Gatekeeper only selects.</summary>
    [Id(4)] public long DeletionHeight { get; init; }
}
