namespace Teos.Grains.Users;

public abstract record RegistrationOutcome
{
    public sealed record Registered(Subscription Subscription) : RegistrationOutcome;

    /// <summary>Renewal would overflow the u32 slot counter; nothing changes (400/65).</summary>
    public sealed record SlotsOverflow : RegistrationOutcome;
}
