using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>Registration and renewal rules (spec 4.2).</summary>
public static class Registration
{
    public static RegistrationOutcome Decide(
        Subscription? existing, UserId user, ClientProfile profile, uint height, SubscriptionOptions options)
    {
        if (existing is null)
        {
            var expiry = (uint)Math.Min(uint.MaxValue, (ulong)height + options.SubscriptionDuration);
            return new RegistrationOutcome.Registered(
                new Subscription(user, options.SubscriptionSlots, height, expiry, profile));
        }

        var slots = (ulong)existing.AvailableSlots + options.SubscriptionSlots;
        if (slots > uint.MaxValue)
            return new RegistrationOutcome.SlotsOverflow();

        // Renewal extends the old expiry, not the current height (rust-teos), and never moves the start.
        var renewedExpiry = (uint)Math.Min(uint.MaxValue, (ulong)existing.Expiry + options.SubscriptionDuration);
        return new RegistrationOutcome.Registered(
            existing with { AvailableSlots = (uint)slots, Expiry = renewedExpiry, Profile = profile });
    }
}
