namespace Teos.Protocol.Api;

public static class ErrorCodeExtensions
{
    /// <summary>The HTTP status rust-teos answers with for each code (spec 3.2); not all errors are 400.</summary>
    public static int HttpStatus(this ErrorCode code) => code switch
    {
        ErrorCode.InvalidSignatureOrSubscriptionError => 401,
        ErrorCode.AppointmentNotFound => 404,
        ErrorCode.ServiceUnavailable => 503,
        _ => 400,
    };
}
