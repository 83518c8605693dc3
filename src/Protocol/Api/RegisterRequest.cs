using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>POST /register from a rust-teos client (spec 3.3).</summary>
public sealed record RegisterRequest([property: JsonPropertyName("user_id")] string UserId);
