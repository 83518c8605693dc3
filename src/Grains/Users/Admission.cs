using Teos.Grains.Appointments;

namespace Teos.Grains.Users;

/// <summary>The Gatekeeper's answer to an appointment: its slot cost when accepted, or why it is refused.</summary>
public readonly record struct Admission(uint Cost, AppointmentFailure? Failure, uint Expiry)
{
    public bool IsAccepted => Failure is null;

    public static Admission Accepted(uint cost) => new(cost, null, 0);

    /// <param name="expiry">For an expired subscription, the height it expired at (the message names it).</param>
    public static Admission Refused(AppointmentFailure failure, uint expiry = 0) => new(0, failure, expiry);
}
