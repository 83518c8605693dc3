using System.Text.Json.Serialization;

namespace Teos.Protocol.Api;

/// <summary>The body of every API-level error: <c>{"error": …, "error_code": …}</c> (spec 3.2).</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_code"), JsonConverter(typeof(ErrorCodeJsonConverter))] ErrorCode ErrorCode);
