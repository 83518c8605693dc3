using Microsoft.AspNetCore.Http;
using Teos.Protocol.Admin;

namespace Teos.Api.Admin;

/// <summary>The admin calls' errors, with rust-teos' messages where it has one (spec 5.1).</summary>
internal static class AdminErrors
{
    public static IResult InvalidLocator { get; } =
        InvalidArgument("The provided locator does not match the expected format (16-byte hexadecimal string)");

    public static IResult InvalidUserId { get; } =
        InvalidArgument("Provided public key does not match expected format (33-byte compressed key)");

    public static IResult UserNotFound { get; } =
        AdminJson.Result(new AdminErrorResponse("User not found", AdminErrorResponse.NotFound), StatusCodes.Status404NotFound);

    public static IResult InvalidArgument(string message) =>
        AdminJson.Result(new AdminErrorResponse(message, AdminErrorResponse.InvalidArgument), StatusCodes.Status400BadRequest);
}
