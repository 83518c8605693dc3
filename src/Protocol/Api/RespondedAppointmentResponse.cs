using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /get_appointment success once the Responder tracks the penalty (spec 3.5).</summary>
public sealed record RespondedAppointmentResponse(
    [property: JsonPropertyName("appointment")] TrackerData Appointment)
{
    [JsonPropertyName("status")]
    public string Status => AppointmentStatus.DisputeResponded;
}
