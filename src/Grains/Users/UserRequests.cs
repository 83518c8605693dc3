using Teos.Grains.Storage;
using Teos.Grains.Tower;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>
/// The receiving silo's half of register and get_subscription_info (spec 3.3, 3.6, 1.8): it recovers signers and
/// signs receipts (stateless work that scales with silos) and asks the user's grain for the rest.
/// </summary>
public sealed class UserRequests(IGrainFactory grains, TowerIdentity identity, LightningMessageSigner signer)
{
    // One tower today (DESIGN.md section 1).
    private readonly TowerKey _tower = TowerKey.Default;

    /// <returns>The signed registration, or null when renewal would overflow the slot counter (400/65).</returns>
    public async Task<SignedRegistration?> RegisterAsync(UserId userId, ClientProfile profile, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await User(userId).Register(profile) is not { } subscription)
            return null;
        var receipt = new RegistrationReceipt(userId, subscription.AvailableSlots, subscription.Start, subscription.Expiry);
        return new SignedRegistration(subscription, receipt.Sign(identity.SecretKey, profile, signer));
    }

    /// <summary>The registered user who signed <paramref name="message"/>, with its subscription, or null (spec 1.8).</summary>
    public async Task<Subscription?> AuthenticateAsync(ReadOnlyMemory<byte> message, string signature, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!signer.TryRecover(message.Span, signature, out var key, out _))
            return null;
        return await User(new UserId(key)).GetSubscription();
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
        return subscription is null
            ? AccessResult<SubscriptionInfo>.Denied(AccessFailure.AuthenticationFailed)
            : await User(subscription.UserId).GetSubscriptionInfo();
    }

    public IUserGrain User(UserId userId) => grains.GetGrain<IUserGrain>(_tower.Scope(userId.ToHex()));
}
