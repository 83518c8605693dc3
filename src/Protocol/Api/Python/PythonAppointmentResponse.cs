using System.Text.Json.Serialization;

namespace Teos.Protocol.Api.Python;

/// <summary>
/// python-teos' get_appointment success (spec 9): the locator as received, the status, then the appointment
/// (<see cref="AppointmentData"/> while watched, <see cref="PythonTrackerData"/> once responded).
/// </summary>
public sealed record PythonAppointmentResponse(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("appointment")] object Appointment);
