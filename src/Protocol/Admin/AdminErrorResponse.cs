using System.Text.Json.Serialization;

namespace Teos.Protocol.Admin;

/// <summary>
/// An admin call's error: the message and the gRPC status name rust-teos would use (<c>INVALID_ARGUMENT</c>,
/// <c>NOT_FOUND</c>), carried next to the matching HTTP status (400, 404).
/// </summary>
public sealed record AdminErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("code")] string Code)
{
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string NotFound = "NOT_FOUND";
}
