using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>An appointment as it travels in JSON: in /add_appointment requests and watched /get_appointment answers.</summary>
public sealed record AppointmentData(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("encrypted_blob")] string EncryptedBlob,
    [property: JsonPropertyName("to_self_delay")] uint ToSelfDelay);
