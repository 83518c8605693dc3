using Microsoft.Extensions.Options;
using Teos.Grains.Store;
using Teos.Grains.Tower;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>Registers users, tells who signed a request, and answers get_subscription_info (spec 4.2, 1.8, 3.6).</summary>
public sealed class Gatekeeper(
    ITowerStore store, TowerIdentity identity, LightningMessageSigner signer, IOptions<SubscriptionOptions> options)
{
    public SubscriptionOptions Options { get; } = options.Value;

    /// <returns>The signed registration, or null when renewal would overflow the slot counter.</returns>
    public async Task<SignedRegistration?> RegisterAsync(UserId userId, ClientProfile profile, CancellationToken cancellationToken)
    {
        var outcome = await store.WriteAsync(async (tx, _) =>
        {
            var height = (await tx.GetTipAsync())?.Height ?? 0;
            var existing = await tx.GetSubscriptionForUpdateAsync(userId);
            var decision = Registration.Decide(existing, userId, profile, height, Options);
            if (decision is RegistrationOutcome.Registered registered)
                await tx.SaveSubscriptionAsync(registered.Subscription);
            return decision;
        }, cancellationToken);

        if (outcome is not RegistrationOutcome.Registered { Subscription: var subscription })
            return null;

        var receipt = new RegistrationReceipt(userId, subscription.AvailableSlots, subscription.Start, subscription.Expiry);
        return new SignedRegistration(subscription, receipt.Sign(identity.SecretKey, profile, signer));
    }

    /// <summary>The registered user who signed <paramref name="message"/>, or null (spec 1.8).</summary>
    public async Task<Subscription?> AuthenticateAsync(ReadOnlyMemory<byte> message, string signature, CancellationToken cancellationToken)
    {
        if (!signer.TryRecover(message.Span, signature, out var key, out _))
            return null;
        return await store.GetSubscriptionAsync(new UserId(key), cancellationToken);
    }

    /// <summary>
    /// The registered user who signed a get_appointment for <paramref name="locatorText"/>, or null. The message uses
    /// the locator as received, then lowercase: rust-teos clients sign lowercase, python-teos clients what they sent
    /// (spec 9). The text need not be a valid locator.
    /// </summary>
    public async Task<Subscription?> AuthenticateGetAppointmentAsync(string locatorText, string signature, CancellationToken cancellationToken)
    {
        var subscription = await AuthenticateAsync(UserRequestMessages.GetAppointment(locatorText), signature, cancellationToken);
        var lowercase = locatorText.ToLowerInvariant();
        if (subscription is null && lowercase != locatorText)
            subscription = await AuthenticateAsync(UserRequestMessages.GetAppointment(lowercase), signature, cancellationToken);
        return subscription;
    }

    public async Task<AccessResult<SubscriptionInfo>> GetSubscriptionInfoAsync(string signature, CancellationToken cancellationToken)
    {
        var subscription = await AuthenticateAsync(UserRequestMessages.GetSubscriptionInfo.ToArray(), signature, cancellationToken);
        if (subscription is null)
            return AccessResult<SubscriptionInfo>.Denied(AccessFailure.AuthenticationFailed);
        if (subscription.IsExpiredAt(await CurrentHeightAsync(cancellationToken)))
            return AccessResult<SubscriptionInfo>.Denied(AccessFailure.SubscriptionExpired, subscription.Expiry, subscription.Profile);

        var locators = await store.GetLocatorsAsync(subscription.UserId, cancellationToken);
        return AccessResult<SubscriptionInfo>.Granted(new SubscriptionInfo(subscription, locators), subscription.Profile);
    }

    public async Task<uint> CurrentHeightAsync(CancellationToken cancellationToken) =>
        (await store.GetTipAsync(cancellationToken))?.Height ?? 0;
}
