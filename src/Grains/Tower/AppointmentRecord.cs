using Teos.Grains.Appointments;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;

namespace Teos.Grains.Tower;

/// <summary>An appointment row as the operator sees it and, once its breach was answered, its tracker.</summary>
public sealed record AppointmentRecord(AppointmentUuid Uuid, AppointmentState Appointment, TrackerView? Tracker);
