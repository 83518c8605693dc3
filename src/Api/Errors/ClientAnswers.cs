using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Profiles;

namespace Teos.Api.Errors;

/// <summary>
/// What the public API answers for each outcome that reads differently to the two client families (spec 9): once
/// the signer is known to be a registered profile-P user, python-teos' answers; before that (undecodable body,
/// unknown signer) and for profile R, rust-teos' (spec 3). Endpoints pick the family with <see cref="For"/> and
/// never build these answers themselves.
/// </summary>
public abstract class ClientAnswers
{
    public static ClientAnswers For(ClientProfile profile) => profile == ClientProfile.Python ? PythonAnswers.Instance : RustAnswers.Instance;

    /// <summary>bitcoind is unreachable (spec 3.3-3.6, step "bitcoind unreachable").</summary>
    public abstract ApiReply ServiceUnavailable { get; }

    /// <summary>The tower takes no data now for a reason of its own (<paramref name="reason"/>, a 503/32 of <see cref="ApiErrors"/>).</summary>
    public abstract ApiReply Unavailable(ApiError reason);

    /// <summary>429 from the rate limiter (neither reference tower limits rates: a listed deviation).</summary>
    public abstract ApiReply TooManyRequests { get; }

    /// <summary>An add_appointment field check failed (<paramref name="error"/> as rust-teos words it).</summary>
    public abstract ApiReply AppointmentFieldError(ApiError error);

    /// <summary>A get_appointment field check failed.</summary>
    public abstract ApiReply GetAppointmentFieldError(ApiError error, string locatorText);

    public abstract ApiReply AddAppointmentRefused(AddAppointmentResult result, uint minToSelfDelay, uint toSelfDelay);

    /// <param name="deniedMessage">The endpoint's own wording for an authentication failure.</param>
    public abstract ApiReply AccessDenied(AccessFailure failure, uint expiry, string deniedMessage);

    /// <summary>get_appointment's answer: the appointment or tracker, or not found when <paramref name="view"/> is null.</summary>
    /// <param name="locatorText">The locator exactly as the request carried it.</param>
    public abstract ApiReply Appointment(AppointmentView? view, string locatorText);

    public abstract ApiReply SubscriptionInfo(SubscriptionInfo info);
}
