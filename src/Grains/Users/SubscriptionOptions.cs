namespace Teos.Grains.Users;

/// <summary>What one registration grants (teosd's `subscription_slots`, `subscription_duration`, `expiry_delta`).</summary>
public sealed class SubscriptionOptions
{
    public uint SubscriptionSlots { get; set; } = 10_000;

    public uint SubscriptionDuration { get; set; } = 4_320;

    public uint ExpiryDelta { get; set; } = 6;
}
