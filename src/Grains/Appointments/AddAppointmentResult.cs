using Teos.Protocol.Profiles;

namespace Teos.Grains.Appointments;

/// <summary>
/// Either the accepted appointment's receipt, or the failure (with the expiry for the expired message).
/// <see cref="Profile"/> is the signer's client profile when the refusal came after the signer was looked up
/// (<see cref="ClientProfile.Rust"/> for an unknown signer), null when it came before (spec 9).
/// </summary>
public sealed record AddAppointmentResult(AcceptedAppointment? Accepted, AppointmentFailure? Failure, uint Expiry = 0, ClientProfile? Profile = null)
{
    public static AddAppointmentResult Refused(AppointmentFailure failure, uint expiry = 0, ClientProfile? profile = null) =>
        new(null, failure, expiry, profile);
}
