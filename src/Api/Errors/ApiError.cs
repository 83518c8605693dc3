using Teos.Protocol.Api;

namespace Teos.Api.Errors;

/// <summary>
/// One protocol error as the public API answers it: HTTP status, numeric code and message (spec 3.2). Built by
/// <see cref="ApiErrors"/> and <see cref="FailureMapping"/> only, so every code has one origin.
/// </summary>
public sealed record ApiError(int Status, ErrorCode Code, string Message)
{
    public static ApiError Of(ErrorCode code, string message) => new(code.HttpStatus(), code, message);

    public ErrorResponse ToBody() => new(Message, Code);
}
