using System.Text.Json.Serialization;

namespace Teos.Cli.Admin.Json;

/// <summary>
/// A watched appointment as teos-cli prints it (spec 5.1: <c>AppointmentData</c> flattened). <c>uuid</c> and
/// <c>user_id</c> are Teos additions after the spec's fields: an operator needs them to tell users' rows apart.
/// </summary>
public sealed record AdminAppointment(
    [property: JsonPropertyName("locator")] string Locator,
    [property: JsonPropertyName("encrypted_blob")] string EncryptedBlob,
    [property: JsonPropertyName("to_self_delay")] uint ToSelfDelay,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("user_id")] string UserId);
