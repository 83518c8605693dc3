using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>
/// The add_appointment answer: the receipt's start block and signature, and the user's slots after it; the user
/// and uuid are for the operator's log.
/// </summary>
public sealed record AcceptedAppointment(
    Locator Locator, uint StartBlock, string Signature, uint AvailableSlots, uint SubscriptionExpiry, UserId UserId)
{
    public AppointmentUuid Uuid => AppointmentUuid.Compute(Locator, UserId);
}
