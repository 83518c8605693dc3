namespace Teos.Grains.Appointments;

/// <summary>What admission needs to know about an appointment row that already has the same uuid.</summary>
public sealed record StoredAppointmentState(int BlobLength, bool Triggered);
