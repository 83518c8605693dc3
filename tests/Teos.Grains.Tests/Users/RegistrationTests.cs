using Teos.Grains.Tests.Builders;
using Teos.Grains.Users;
using Teos.Protocol.Profiles;
using Xunit;

namespace Teos.Grains.Tests.Users;

public class RegistrationTests
{
    private static readonly SubscriptionOptions Options = new() { SubscriptionSlots = 10_000, SubscriptionDuration = 4_320 };

    [Fact]
    public void A_new_user_gets_the_configured_slots_from_the_current_height()
    {
        var user = Builders.Users.NewUserId();

        var outcome = Registration.Decide(null, user, ClientProfile.Rust, 200, Options);

        var registered = Assert.IsType<RegistrationOutcome.Registered>(outcome).Subscription;
        Assert.Equal(new Subscription(user, 10_000, 200, 4_520, ClientProfile.Rust), registered);
    }

    [Fact]
    public void Renewal_adds_slots_and_extends_the_old_expiry_keeping_the_start()
    {
        var existing = Builders.Users.Subscription(slots: 3, start: 200, expiry: 4_520);

        var outcome = Registration.Decide(existing, existing.UserId, ClientProfile.Rust, 5_000, Options);

        var renewed = Assert.IsType<RegistrationOutcome.Registered>(outcome).Subscription;
        Assert.Equal(10_003u, renewed.AvailableSlots);
        Assert.Equal(200u, renewed.Start);
        Assert.Equal(8_840u, renewed.Expiry);
    }

    [Fact]
    public void Renewal_that_would_overflow_the_slot_counter_is_refused()
    {
        var existing = Builders.Users.Subscription(slots: uint.MaxValue - 9_999);

        var outcome = Registration.Decide(existing, existing.UserId, ClientProfile.Rust, 300, Options);

        Assert.IsType<RegistrationOutcome.SlotsOverflow>(outcome);
    }

    [Fact]
    public void Renewal_saturates_the_expiry_at_u32_max()
    {
        var existing = Builders.Users.Subscription(expiry: uint.MaxValue - 1);

        var outcome = Registration.Decide(existing, existing.UserId, ClientProfile.Rust, 300, Options);

        Assert.Equal(uint.MaxValue, Assert.IsType<RegistrationOutcome.Registered>(outcome).Subscription.Expiry);
    }

    [Fact]
    public void Registering_through_the_other_client_form_switches_the_profile()
    {
        var existing = Builders.Users.Subscription(profile: ClientProfile.Rust);

        var outcome = Registration.Decide(existing, existing.UserId, ClientProfile.Python, 300, Options);

        Assert.Equal(ClientProfile.Python, Assert.IsType<RegistrationOutcome.Registered>(outcome).Subscription.Profile);
    }
}
