namespace Teos.Grains.Appointments;

/// <summary>Either the accepted appointment's receipt, or the failure (with the expiry for the expired message).</summary>
public sealed record AddAppointmentResult(AcceptedAppointment? Accepted, AppointmentFailure? Failure, uint Expiry = 0)
{
    public static AddAppointmentResult Refused(AppointmentFailure failure, uint expiry = 0) => new(null, failure, expiry);
}
