using Teos.Grains.Appointments;
using Teos.Grains.Trackers;

namespace Teos.Grains.Store;

/// <summary>An appointment row and, once its breach was answered, its tracker.</summary>
public sealed record AppointmentRecord(Appointment Appointment, Tracker? Tracker);
