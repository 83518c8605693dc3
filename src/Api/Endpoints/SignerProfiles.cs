using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Api.Endpoints;

/// <summary>
/// Whose answers a request gets before the domain has looked at it (spec 9): the profile of its signer when that
/// is a registered user, else profile R. Asked only where the answer depends on it (a field error, bitcoind
/// unreachable, a refusal made before the signer was looked up), so a request that succeeds recovers its
/// signature once.
/// </summary>
public sealed class SignerProfiles(Gatekeeper gatekeeper)
{
    public Task<ClientProfile> OfAppointmentAsync(
        ReadOnlySpan<byte> locator, ReadOnlySpan<byte> encryptedBlob, uint toSelfDelay, string signature, CancellationToken cancellationToken) =>
        OfAsync(gatekeeper.AuthenticateAsync(AppointmentSerialization.Serialize(locator, encryptedBlob, toSelfDelay), signature, cancellationToken));

    public Task<ClientProfile> OfGetAppointmentAsync(string locatorText, string signature, CancellationToken cancellationToken) =>
        OfAsync(gatekeeper.AuthenticateGetAppointmentAsync(locatorText, signature, cancellationToken));

    public Task<ClientProfile> OfSubscriptionInfoAsync(string signature, CancellationToken cancellationToken) =>
        OfAsync(gatekeeper.AuthenticateAsync(UserRequestMessages.GetSubscriptionInfo.ToArray(), signature, cancellationToken));

    private static async Task<ClientProfile> OfAsync(Task<Subscription?> authentication) =>
        (await authentication)?.Profile ?? ClientProfile.Rust;
}
