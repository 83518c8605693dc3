using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Teos.Grains.Chain;
using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>
/// The receiving silo's half of add_appointment and get_appointment (spec 3.4, 3.5): the python-teos field rules,
/// signer recovery and receipt signing run here; the user's grain admits and stores. An appointment whose dispute is
/// already in one of the last blocks is answered here, after the user grain's turn (spec 4.3 cache path).
/// </summary>
public sealed partial class AppointmentRequests(
    IGrainFactory grains,
    UserRequests users,
    TowerIdentity identity,
    LightningMessageSigner signer,
    AppointmentCount count,
    IOptions<WatcherOptions> options,
    ILogger<AppointmentRequests> logger)
{
    private readonly TowerKey _tower = TowerKey.Default;

    public async Task<AddAppointmentResult> AddAppointmentAsync(AppointmentSubmission submission, CancellationToken cancellationToken)
    {
        var stored = options.Value.MaxAppointments > 0 ? await count.GetAsync(cancellationToken) : 0;
        if (Watcher.CheckSubmission(submission, options.Value, stored) is { } refused)
            return AddAppointmentResult.Refused(refused);
        if (!signer.TryRecover(submission.SignedBytes(), submission.UserSignature, out var key, out _))
            return AddAppointmentResult.Refused(AppointmentFailure.AuthenticationFailed, profile: ClientProfile.Rust);

        var userId = new UserId(key);
        var outcome = await users.User(userId).AddAppointment(submission);
        if (outcome.Failure is { } failure)
            return AddAppointmentResult.Refused(failure, outcome.SubscriptionExpiry, outcome.Profile);
        if (outcome.RecentBreach is { } breach)
            await AnswerRecentBreachAsync(AppointmentUuid.Compute(submission.Locator, userId), breach, outcome.StartBlock);

        var receipt = new AppointmentReceipt(submission.UserSignature, outcome.StartBlock);
        return new AddAppointmentResult(
            new AcceptedAppointment(
                submission.Locator,
                outcome.StartBlock,
                receipt.Sign(identity.SecretKey, outcome.Profile, signer),
                outcome.AvailableSlots,
                outcome.SubscriptionExpiry,
                userId),
            null);
    }

    /// <summary>
    /// The user's appointment or tracker for a locator; a null value means not found.
    /// </summary>
    public async Task<AccessResult<AppointmentView>> GetAppointmentAsync(
        string locatorText, Locator locator, string signature, CancellationToken cancellationToken)
    {
        var subscription = await users.AuthenticateGetAppointmentAsync(locatorText, signature, cancellationToken);
        return subscription is null
            ? AccessResult<AppointmentView>.Denied(AccessFailure.AuthenticationFailed)
            : await users.User(subscription.UserId).GetAppointment(locator);
    }

    /// <summary>
    /// The cache path (spec 4.3). The answer to the user does not depend on it (200 either way); if bitcoind cannot be
    /// asked for the dispute now, the appointment stays stored and watched, and the operator is told.
    /// </summary>
    private async Task AnswerRecentBreachAsync(AppointmentUuid uuid, Locators.RecentBreach breach, uint towerHeight)
    {
        try
        {
            var outcome = await grains.GetGrain<IAppointmentGrain>(_tower.Scope(uuid.ToHex())).OnRecentBreach(breach, towerHeight);
            LogLateBreach(uuid, breach.DisputeTxid.ToString(), outcome.Result);
        }
        catch (BitcoindException e)
        {
            LogDisputeUnavailable(uuid, breach.DisputeTxid.ToString(), e.Message);
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Appointment {Uuid} arrived after its breach {DisputeTxid}: {Result}")]
    private partial void LogLateBreach(AppointmentUuid uuid, string disputeTxid, BreachResult result);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Appointment {Uuid} arrived after its breach {DisputeTxid}, but bitcoind could not be asked for the dispute ({Reason}): it stays watched, unanswered")]
    private partial void LogDisputeUnavailable(AppointmentUuid uuid, string disputeTxid, string reason);
}
