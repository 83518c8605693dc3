using Microsoft.Extensions.Logging;
using Teos.Grains.Appointments;
using Teos.Grains.Tower;
using Teos.Grains.Users;
using Teos.Protocol.Profiles;

namespace Teos.Api.Endpoints;

/// <summary>
/// What the operator sees of the users' requests: one Information line per registration and accepted appointment
/// (ids, locator, slots; never blobs, keys or signatures), and add_appointment's rate and latency by outcome.
/// </summary>
public sealed partial class RequestTelemetry(TowerMetrics metrics, ILogger<RequestTelemetry> logger)
{
    public const string Accepted = "accepted";
    public const string InvalidRequest = "invalid_request";
    public const string BitcoindUnreachable = "bitcoind_unreachable";
    public const string StaleChainView = "stale_chain_view";
    public const string LowOnDisk = "low_on_disk";
    public const string Error = "error";

    public void Registered(SignedRegistration registration, ClientProfile profile)
    {
        var subscription = registration.Subscription;
        metrics.UserRegistered();
        LogRegistered(subscription.UserId.ToHex(), profile, subscription.AvailableSlots, subscription.Start, subscription.Expiry);
    }

    public void AppointmentAccepted(AcceptedAppointment accepted) =>
        LogAppointmentAccepted(accepted.Uuid.ToHex(), accepted.UserId.ToHex(), accepted.Locator.ToHex(), accepted.StartBlock, accepted.AvailableSlots);

    public void AppointmentAnswered(string outcome, TimeSpan duration)
    {
        metrics.AddAppointmentAnswered(outcome, duration);
        if (outcome != Accepted)
            LogAppointmentRefused(outcome);
    }

    /// <summary>The outcome label of a refusal, e.g. not_enough_slots.</summary>
    public static string Outcome(AppointmentFailure failure) => failure switch
    {
        AppointmentFailure.AuthenticationFailed => "authentication_failed",
        AppointmentFailure.SubscriptionExpired => "subscription_expired",
        AppointmentFailure.AlreadyTriggered => "already_triggered",
        AppointmentFailure.NotEnoughSlots => "not_enough_slots",
        AppointmentFailure.ToSelfDelayTooSmall => "to_self_delay_too_small",
        AppointmentFailure.TowerFull => "tower_full",
        _ => Error,
    };

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "User {UserId} registered ({Profile} client): {Slots} slots, subscription from block {Start} to {Expiry}")]
    private partial void LogRegistered(string userId, ClientProfile profile, uint slots, uint start, uint expiry);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Appointment {Uuid} accepted from user {UserId}: locator {Locator}, start block {StartBlock}, {Slots} slots left")]
    private partial void LogAppointmentAccepted(string uuid, string userId, string locator, uint startBlock, uint slots);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "add_appointment refused: {Outcome}")]
    private partial void LogAppointmentRefused(string outcome);
}
