using Teos.Grains.Users;

namespace Teos.Grains.Appointments;

/// <summary>The accept/reject rules of add_appointment after authentication, in the spec's order (3.4 steps 7-9).</summary>
public static class Admission
{
    public static AdmissionDecision Decide(
        Subscription subscription, StoredAppointmentState? existing, int newBlobLength, uint height)
    {
        if (subscription.IsExpiredAt(height))
            return AdmissionDecision.Refuse(AppointmentFailure.SubscriptionExpired);
        if (existing is { Triggered: true })
            return AdmissionDecision.Refuse(AppointmentFailure.AlreadyTriggered);

        var after = SlotCharge.Apply(subscription.AvailableSlots, existing?.BlobLength, newBlobLength);
        return after is { } slots
            ? AdmissionDecision.Accept(slots)
            : AdmissionDecision.Refuse(AppointmentFailure.NotEnoughSlots);
    }
}
