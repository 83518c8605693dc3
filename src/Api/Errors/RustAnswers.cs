using Microsoft.AspNetCore.Http;
using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Api;
using Teos.Protocol.Encoding;

namespace Teos.Api.Errors;

/// <summary>rust-teos' answers (spec 3), the normative family; errors come from <see cref="FailureMapping"/>.</summary>
internal sealed class RustAnswers : ClientAnswers
{
    public static RustAnswers Instance { get; } = new();

    public override ApiReply ServiceUnavailable => ApiErrors.ServiceUnavailable;

    public override ApiReply Unavailable(ApiError reason) => reason;

    public override ApiReply TooManyRequests { get; } =
        new ApiError(StatusCodes.Status429TooManyRequests, ErrorCode.ServiceUnavailable, FailureMapping.TooManyRequests);

    public override ApiReply AppointmentFieldError(ApiError error) => error;

    public override ApiReply GetAppointmentFieldError(ApiError error, string locatorText) => error;

    public override ApiReply AddAppointmentRefused(AddAppointmentResult result, uint minToSelfDelay, uint toSelfDelay) =>
        FailureMapping.ForAddAppointment(result, minToSelfDelay, toSelfDelay);

    public override ApiReply AccessDenied(AccessFailure failure, uint expiry, string deniedMessage) =>
        FailureMapping.ForAccess(failure, expiry, deniedMessage);

    public override ApiReply Appointment(AppointmentView? view, string locatorText)
    {
        if (view is null)
            return ApiErrors.AppointmentNotFound;
        if (view.Responded is { } tracker)
        {
            return ApiReply.Ok(new RespondedAppointmentResponse(new TrackerData(
                tracker.DisputeTxid.ToString(), tracker.PenaltyTxid.ToString(), Hex.Encode(tracker.PenaltyRawTx))));
        }

        var appointment = view.Watched!;
        return ApiReply.Ok(new WatchedAppointmentResponse(new AppointmentData(
            appointment.Locator.ToHex(), Hex.Encode(appointment.EncryptedBlob), appointment.ToSelfDelay)));
    }

    public override ApiReply SubscriptionInfo(SubscriptionInfo info) => ApiReply.Ok(new GetSubscriptionInfoResponse(
        info.Subscription.AvailableSlots, info.Subscription.Expiry, info.Locators.Select(locator => locator.ToHex()).ToList()));
}
