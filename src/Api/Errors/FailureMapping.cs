using Orleans.Runtime;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Api;

namespace Teos.Api.Errors;

/// <summary>
/// The one place where the services' failure values and unexpected exceptions become protocol errors
/// (spec 3.2, 3.4-3.6). Endpoints never pick a code for a service outcome themselves.
/// </summary>
public static class FailureMapping
{
    public const string AddAppointmentDenied = "Invalid signature or user does not have enough slots available";
    public const string GetAppointmentDenied = "User cannot be authenticated";
    public const string SubscriptionInfoDenied = "User not found. Have you registered?";
    public const string TooManyRequests = "Too many requests";

    public static ApiError ForAddAppointment(AddAppointmentResult result, uint minToSelfDelay, uint toSelfDelay) =>
        result.Failure switch
        {
            AppointmentFailure.AuthenticationFailed or AppointmentFailure.NotEnoughSlots => Denied(AddAppointmentDenied),
            AppointmentFailure.SubscriptionExpired => Expired(result.Expiry),
            AppointmentFailure.AlreadyTriggered => ApiError.Of(
                ErrorCode.AppointmentAlreadyTriggered, "The provided appointment has already been triggered"),

            // python-teos rule and wording (rust-teos defines code 33 but never produces it).
            AppointmentFailure.ToSelfDelayTooSmall => ApiError.Of(
                ErrorCode.AppointmentFieldTooSmall,
                $"Appointment to_self_delay too small. The to_self_delay should be at least {minToSelfDelay} (current: {toSelfDelay})"),

            // python-teos answers 503 when its appointment cap is reached; clients retry later as for bitcoind.
            AppointmentFailure.TowerFull => ApiErrors.ServiceUnavailable,
            _ => Unexpected,
        };

    /// <param name="deniedMessage">The endpoint's own wording for an authentication failure.</param>
    public static ApiError ForAccess(AccessFailure failure, uint expiry, string deniedMessage) => failure switch
    {
        AccessFailure.AuthenticationFailed => Denied(deniedMessage),
        AccessFailure.SubscriptionExpired => Expired(expiry),
        _ => Unexpected,
    };

    /// <summary>
    /// Never a 500 (spec 3.2): an outage of bitcoind, of the store or of a silo is 503/32, anything else 400/255.
    /// </summary>
    public static ApiError ForException(Exception exception) => exception switch
    {
        BitcoindUnreachableException => ApiErrors.ServiceUnavailable,
        _ when StorageFaultOf(exception) is not null => ApiErrors.StorageUnavailable,
        _ when ClusterFaultOf(exception) is not null => ApiErrors.ClusterUnavailable,
        _ => Unexpected,
    };

    /// <summary>
    /// The outage behind <paramref name="exception"/>, if any, whose one-line message the operator reads: a storage
    /// fault, or a grain call that timed out or whose silo is gone (the cluster's fault, not the client's; the request
    /// may or may not have been carried out, and an appointment sent again is an update of itself, no second slot).
    /// Orleans hands a grain's failure on wrapped, so the cause is looked for down the chain.
    /// </summary>
    public static Exception? OutageOf(Exception exception) => StorageFaultOf(exception) ?? ClusterFaultOf(exception);

    private static Exception? StorageFaultOf(Exception exception) => Cause(exception, e => e is StorageUnavailableException);

    private static Exception? ClusterFaultOf(Exception exception) =>
        Cause(exception, e => e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException);

    private static Exception? Cause(Exception exception, Func<Exception, bool> matches)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (matches(e))
                return e;
        }

        return null;
    }

    public static ApiError Unexpected { get; } = ApiError.Of(ErrorCode.UnexpectedError, "Unexpected error");

    private static ApiError Denied(string message) => ApiError.Of(ErrorCode.InvalidSignatureOrSubscriptionError, message);

    private static ApiError Expired(uint expiry) =>
        ApiError.Of(ErrorCode.InvalidSignatureOrSubscriptionError, $"Your subscription expired at {expiry}");
}
