using Teos.Protocol.Appointments;

namespace Teos.Grains.Appointments;

/// <summary>The add_appointment answer: the receipt's start block and signature, and the user's slots after it.</summary>
public sealed record AcceptedAppointment(
    Locator Locator, uint StartBlock, string Signature, uint AvailableSlots, uint SubscriptionExpiry);
