using Teos.Grains.Trackers;

namespace Teos.Grains.Appointments;

/// <summary>get_appointment's answer (spec 3.5): the watched appointment, or the tracker once its breach was answered.</summary>
[GenerateSerializer, Immutable, Alias("teos.appointment-view")]
public sealed record AppointmentView(AppointmentState? Watched, TrackerView? Responded);
