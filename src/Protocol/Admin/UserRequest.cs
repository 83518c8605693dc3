using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>get_user body: the user id (66 hex, compressed public key).</summary>
public sealed record UserRequest([property: JsonPropertyName("user_id")] string? UserId);
