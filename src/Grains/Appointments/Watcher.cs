using Microsoft.Extensions.Options;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Tower;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Appointments;

/// <summary>Accepts appointments and answers get_appointment (spec 3.4, 3.5, 4.3).</summary>
public sealed class Watcher(
    ITowerStore store,
    Gatekeeper gatekeeper,
    TowerIdentity identity,
    LightningMessageSigner signer,
    LateAppointmentResponder lateResponder,
    AppointmentCount appointmentCount,
    IOptions<WatcherOptions> options)
{
    private readonly WatcherOptions _options = options.Value;

    public async Task<AddAppointmentResult> AddAppointmentAsync(AppointmentSubmission submission, CancellationToken cancellationToken)
    {
        // python-teos rules, checked before the signature as python-teos does.
        if (submission.ToSelfDelay < _options.MinToSelfDelay)
            return AddAppointmentResult.Refused(AppointmentFailure.ToSelfDelayTooSmall);
        if (_options.MaxAppointments > 0 && await appointmentCount.GetAsync(cancellationToken) >= _options.MaxAppointments)
            return AddAppointmentResult.Refused(AppointmentFailure.TowerFull);

        if (!signer.TryRecover(submission.SignedBytes(), submission.UserSignature, out var key, out _))
            return AddAppointmentResult.Refused(AppointmentFailure.AuthenticationFailed, profile: ClientProfile.Rust);

        var userId = new UserId(key);
        var admitted = await store.WriteAsync((tx, _) => AdmitAsync(tx, submission, userId), cancellationToken);
        if (admitted.Refusal is not null)
            return admitted.Refusal;

        var (appointment, subscription, breach) = (admitted.Appointment!, admitted.Subscription!, admitted.Breach);
        if (breach is not null)
            await lateResponder.RespondAsync(appointment, breach, appointment.StartBlock, cancellationToken);

        var receipt = new AppointmentReceipt(submission.UserSignature, appointment.StartBlock);
        return new AddAppointmentResult(
            new AcceptedAppointment(
                submission.Locator,
                appointment.StartBlock,
                receipt.Sign(identity.SecretKey, appointment.Profile, signer),
                subscription.AvailableSlots,
                subscription.Expiry,
                userId),
            null);
    }

    /// <summary>
    /// The user's appointment or tracker for a locator; a null value means not found. The signed message uses the
    /// locator as received, then lowercase (rust-teos clients sign lowercase, python-teos clients what they sent).
    /// </summary>
    public async Task<AccessResult<AppointmentRecord>> GetAppointmentAsync(
        string locatorText, Locator locator, string signature, CancellationToken cancellationToken)
    {
        var subscription = await gatekeeper.AuthenticateGetAppointmentAsync(locatorText, signature, cancellationToken);
        if (subscription is null)
            return AccessResult<AppointmentRecord>.Denied(AccessFailure.AuthenticationFailed);
        if (subscription.IsExpiredAt(await gatekeeper.CurrentHeightAsync(cancellationToken)))
            return AccessResult<AppointmentRecord>.Denied(AccessFailure.SubscriptionExpired, subscription.Expiry, subscription.Profile);

        var uuid = AppointmentUuid.Compute(locator, subscription.UserId);
        return AccessResult<AppointmentRecord>.Granted(await store.GetAppointmentAsync(uuid, cancellationToken), subscription.Profile);
    }

    /// <summary>Authorisation, slot charge and upsert as one transaction (spec 3.4 steps 6-10).</summary>
    private static async ValueTask<Admitted> AdmitAsync(ITowerTransaction tx, AppointmentSubmission submission, UserId userId)
    {
        var uuid = AppointmentUuid.Compute(submission.Locator, userId);
        var subscription = await tx.GetSubscriptionForUpdateAsync(userId, readNext: uuid);
        if (subscription is null)
            return Admitted.Refused(AppointmentFailure.AuthenticationFailed, profile: ClientProfile.Rust);

        var height = (await tx.GetTipAsync())?.Height ?? 0;
        var existing = await tx.GetAppointmentStateAsync(uuid);
        var decision = Admission.Decide(subscription, existing, submission.EncryptedBlob.Length, height);
        if (decision.Failure is { } failure)
            return Admitted.Refused(failure, subscription.Expiry, subscription.Profile);

        var charged = subscription with { AvailableSlots = decision.AvailableSlotsAfter };
        var appointment = new Appointment(
            uuid, submission.Locator, submission.EncryptedBlob, submission.ToSelfDelay, submission.UserSignature,
            height, userId, subscription.Profile);
        await tx.SaveSubscriptionAsync(charged);
        await tx.SaveAppointmentAsync(appointment);

        // Checked in the same transaction that stores the appointment, so a block being processed either sees
        // this appointment or has already put its locators in the cache.
        var breach = await tx.FindRecentBreachAsync(submission.Locator, subscription.Profile);
        return new Admitted(appointment, charged, breach, null);
    }

    private sealed record Admitted(
        Appointment? Appointment, Subscription? Subscription, RecentBreach? Breach, AddAppointmentResult? Refusal)
    {
        public static Admitted Refused(AppointmentFailure failure, uint expiry = 0, ClientProfile? profile = null) =>
            new(null, null, null, AddAppointmentResult.Refused(failure, expiry, profile));
    }
}
