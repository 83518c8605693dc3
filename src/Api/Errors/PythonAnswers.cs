using Microsoft.AspNetCore.Http;
using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Api;
using Teos.Protocol.Api.Python;
using Teos.Protocol.Encoding;

namespace Teos.Api.Errors;

/// <summary>
/// python-teos' answers for a registered profile-P user (spec 9 table): the same outcomes as rust-teos, with
/// python's bodies, its negative codes and its statuses (400 where rust-teos says 401, 503 without a code, a
/// 404 that echoes the locator). The wording follows python-teos' API: add_appointment refusals start with
/// "appointment rejected. ".
/// </summary>
internal sealed class PythonAnswers : ClientAnswers
{
    private const string Rejected = "appointment rejected";

    public static PythonAnswers Instance { get; } = new();

    public override ApiReply ServiceUnavailable { get; } =
        new(StatusCodes.Status503ServiceUnavailable, new PythonUnavailableResponse("Service unavailable"));

    /// <summary>python-teos' 503 shape (no code), with the reason.</summary>
    public override ApiReply Unavailable(ApiError reason) =>
        new(StatusCodes.Status503ServiceUnavailable, new PythonUnavailableResponse(reason.Message));

    public override ApiReply TooManyRequests { get; } =
        new(StatusCodes.Status429TooManyRequests, new PythonUnavailableResponse(FailureMapping.TooManyRequests));

    public override ApiReply AppointmentFieldError(ApiError error) => Translate(error, $"{Rejected}. ");

    /// <summary>python-teos answers any get_appointment it cannot look up with its not-found body.</summary>
    public override ApiReply GetAppointmentFieldError(ApiError error, string locatorText) => NotFound(locatorText);

    public override ApiReply AddAppointmentRefused(AddAppointmentResult result, uint minToSelfDelay, uint toSelfDelay) =>
        result.Failure switch
        {
            // python-teos' answer when its appointment cap is reached.
            AppointmentFailure.TowerFull => new ApiReply(StatusCodes.Status503ServiceUnavailable, new PythonUnavailableResponse(Rejected)),
            _ => Translate(FailureMapping.ForAddAppointment(result, minToSelfDelay, toSelfDelay), $"{Rejected}. "),
        };

    public override ApiReply AccessDenied(AccessFailure failure, uint expiry, string deniedMessage) =>
        Translate(FailureMapping.ForAccess(failure, expiry, deniedMessage), string.Empty);

    public override ApiReply Appointment(AppointmentView? view, string locatorText)
    {
        if (view is null)
            return NotFound(locatorText);

        if (view.Responded is { } tracker)
        {
            return ApiReply.Ok(new PythonAppointmentResponse(locatorText, AppointmentStatus.DisputeResponded, new PythonTrackerData(
                tracker.Locator.ToHex(), tracker.DisputeTxid.ToString(), tracker.PenaltyTxid.ToString(), Hex.Encode(tracker.PenaltyRawTx))));
        }

        var appointment = view.Watched!;
        return ApiReply.Ok(new PythonAppointmentResponse(locatorText, AppointmentStatus.BeingWatched, new AppointmentData(
            appointment.Locator.ToHex(), Hex.Encode(appointment.EncryptedBlob), appointment.ToSelfDelay)));
    }

    public override ApiReply SubscriptionInfo(SubscriptionInfo info) => ApiReply.Ok(new PythonSubscriptionInfoResponse(
        info.Subscription.AvailableSlots, info.Subscription.Expiry, info.Locators.Select(locator => locator.ToHex()).ToList()));

    private static ApiReply NotFound(string locatorText) => new(StatusCodes.Status404NotFound, new PythonNotFoundResponse(locatorText));

    /// <summary>
    /// rust-teos' error for the same condition, carried over to python-teos' code (spec 3.2's list) and status 400.
    /// Conditions python-teos has no code for (slot overflow, unexpected errors) keep rust-teos' answer.
    /// </summary>
    private static ApiReply Translate(ApiError error, string prefix) => PythonCode(error.Code) is { } code
        ? new ApiReply(StatusCodes.Status400BadRequest, new PythonErrorResponse(prefix + error.Message, code))
        : error;

    private static PythonErrorCode? PythonCode(ErrorCode code) => code switch
    {
        // python-teos reads an absent field as empty.
        ErrorCode.MissingField or ErrorCode.EmptyField => PythonErrorCode.AppointmentEmptyField,
        ErrorCode.WrongFieldType => PythonErrorCode.AppointmentWrongFieldType,
        ErrorCode.WrongFieldSize => PythonErrorCode.AppointmentWrongFieldSize,
        ErrorCode.WrongFieldFormat => PythonErrorCode.AppointmentWrongFieldFormat,
        ErrorCode.InvalidRequestFormat => PythonErrorCode.InvalidRequestFormat,
        ErrorCode.AppointmentFieldTooSmall => PythonErrorCode.AppointmentFieldTooSmall,
        ErrorCode.AppointmentFieldTooBig => PythonErrorCode.AppointmentFieldTooBig,
        ErrorCode.InvalidSignatureOrSubscriptionError => PythonErrorCode.InvalidSignatureOrSubscriptionError,
        ErrorCode.AppointmentAlreadyTriggered => PythonErrorCode.AppointmentAlreadyTriggered,
        _ => null,
    };
}
