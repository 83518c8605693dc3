using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /add_appointment (spec 3.4); <see cref="Signature"/> is the user's zbase32 signature of spec 2.1.</summary>
public sealed record AddAppointmentRequest(
    [property: JsonPropertyName("appointment")] AppointmentData Appointment,
    [property: JsonPropertyName("signature")] string Signature);
