using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /get_appointment (spec 3.5); the user signs <c>"get appointment " + locator</c>.</summary>
public sealed record GetAppointmentRequest(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("signature")] string Signature);
