using Teos.Grains.Appointments;
using Teos.Grains.Tests.Builders;
using Xunit;

namespace Teos.Grains.Tests.Appointments;

public class AdmissionTests
{
    [Fact]
    public void A_new_appointment_is_charged_its_slots()
    {
        var decision = Admission.Decide(Builders.Users.Subscription(slots: 10), null, 300, height: 300);

        Assert.Equal(AdmissionDecision.Accept(9), decision);
    }

    [Fact]
    public void An_expired_subscription_is_refused_before_anything_else()
    {
        var expired = Builders.Users.Subscription(slots: 0, expiry: 300);

        var decision = Admission.Decide(expired, new StoredAppointmentState(10, Triggered: true), 5_000, height: 300);

        Assert.Equal(AppointmentFailure.SubscriptionExpired, decision.Failure);
    }

    [Fact]
    public void An_appointment_already_in_the_responder_cannot_be_updated()
    {
        var decision = Admission.Decide(Builders.Users.Subscription(), new StoredAppointmentState(300, Triggered: true), 300, 300);

        Assert.Equal(AppointmentFailure.AlreadyTriggered, decision.Failure);
    }

    [Fact]
    public void Without_enough_slots_the_appointment_is_refused()
    {
        var decision = Admission.Decide(Builders.Users.Subscription(slots: 1), null, 2_049, 300);

        Assert.Equal(AppointmentFailure.NotEnoughSlots, decision.Failure);
    }

    [Fact]
    public void An_empty_blob_is_free_even_with_no_slots_left()
    {
        var decision = Admission.Decide(Builders.Users.Subscription(slots: 0), null, 0, 300);

        Assert.Equal(AdmissionDecision.Accept(0), decision);
    }
}
