using Teos.Protocol.Api;

namespace Teos.Api.Errors;

/// <summary>The API's own errors (decoding, field checks, framing) with rust-teos' exact wording (spec 3.1-3.3).</summary>
public static class ApiErrors
{
    public static ApiError MissingField(string name) => ApiError.Of(ErrorCode.MissingField, $"missing field `{name}`");

    public static ApiError EmptyField(string name) => ApiError.Of(ErrorCode.EmptyField, $"`{name}` field is empty");

    public static ApiError WrongFieldSize(string name, int expected, int received) =>
        ApiError.Of(ErrorCode.WrongFieldSize, $"Wrong `{name}` field size. Expected {expected}, received {received}");

    public static ApiError WrongFieldType(string message) => ApiError.Of(ErrorCode.WrongFieldType, message);

    public static ApiError WrongFieldFormat(string message) => ApiError.Of(ErrorCode.WrongFieldFormat, message);

    public static ApiError InvalidRequestFormat(string message) => ApiError.Of(ErrorCode.InvalidRequestFormat, message);

    public static ApiError ServiceUnavailable { get; } = ApiError.Of(ErrorCode.ServiceUnavailable, "Service currently unavailable");

    // Code 32 with a reason: known clients look at the status (503: try again later), the operator reads the reason.
    public static ApiError LowOnDisk { get; } = Unavailable("the tower is low on disk space");

    public static ApiError StaleChainView { get; } = Unavailable("the tower's view of the chain is not current");

    public static ApiError StorageUnavailable { get; } = Unavailable("the tower cannot store data right now");

    public static ApiError ClusterUnavailable { get; } = Unavailable("a silo of the tower did not answer in time");

    public static ApiError AppointmentNotFound { get; } = ApiError.Of(ErrorCode.AppointmentNotFound, "Appointment not found");

    public static ApiError SlotsOverflow { get; } =
        ApiError.Of(ErrorCode.RegistrationResourceExhausted, "Subscription maximum slots count reached");

    // rust-teos answers these from its web framework in plain text; spec 3.1 lets us use the envelope with code 6
    // as long as the status is kept (clients only look at the status).
    public static ApiError MethodNotAllowed { get; } = Framing(405, "HTTP method not allowed");

    public static ApiError LengthRequired { get; } = Framing(411, "A content-length header is required");

    public static ApiError PayloadTooLarge { get; } = Framing(413, "The request payload is too large");

    public static ApiError UnsupportedMediaType { get; } = Framing(415, "The request's content-type is not supported");

    private static ApiError Unavailable(string reason) => ApiError.Of(ErrorCode.ServiceUnavailable, $"Service currently unavailable: {reason}");

    private static ApiError Framing(int status, string message) => new(status, ErrorCode.InvalidRequestFormat, message);
}
