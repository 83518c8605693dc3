using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /get_appointment success while the Watcher still holds the appointment (spec 3.5).</summary>
public sealed record WatchedAppointmentResponse(
    [property: JsonPropertyName("appointment")] AppointmentData Appointment)
{
    [JsonPropertyName("status")]
    public string Status => AppointmentStatus.BeingWatched;
}
