namespace Teos.Grains.Appointments;

/// <summary>Either the user's slots after the charge, or why the appointment is refused.</summary>
public readonly record struct AdmissionDecision(uint AvailableSlotsAfter, AppointmentFailure? Failure)
{
    public bool Accepted => Failure is null;

    public static AdmissionDecision Accept(uint availableSlotsAfter) => new(availableSlotsAfter, null);

    public static AdmissionDecision Refuse(AppointmentFailure failure) => new(0, failure);
}
