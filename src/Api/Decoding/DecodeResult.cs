using Teos.Api.Errors;

namespace Teos.Api.Decoding;

/// <summary>Either the decoded body or the error rust-teos' decoder would have reported.</summary>
public readonly record struct DecodeResult(DecodedBody? Body, ApiError? Error)
{
    public static DecodeResult Failed(ApiError error) => new(null, error);
}
