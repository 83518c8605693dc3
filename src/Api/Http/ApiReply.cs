using Microsoft.AspNetCore.Http;
using Teos.Api.Errors;

namespace Teos.Api.Http;

/// <summary>What an endpoint answers: a status and a JSON body (null: no body, as for ping).</summary>
public sealed record ApiReply(int Status, object? Body)
{
    public static ApiReply Empty { get; } = new(StatusCodes.Status200OK, null);

    public static ApiReply Ok(object body) => new(StatusCodes.Status200OK, body);

    public static implicit operator ApiReply(ApiError error) => new(error.Status, error.ToBody());
}
