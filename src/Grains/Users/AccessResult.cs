using Teos.Protocol.Profiles;

namespace Teos.Grains.Users;

/// <summary>
/// The outcome of a signed read: the value, or why access was refused (with the expiry, for the message).
/// <see cref="Profile"/> is the signer's client profile once it is known to be a registered user, else
/// <see cref="ClientProfile.Rust"/>: it decides which family's answers the user reads (spec 9).
/// </summary>
public sealed record AccessResult<T>(T? Value, AccessFailure? Failure, uint Expiry, ClientProfile Profile = ClientProfile.Rust)
    where T : class
{
    public static AccessResult<T> Granted(T? value, ClientProfile profile) => new(value, null, 0, profile);

    public static AccessResult<T> Denied(AccessFailure failure, uint expiry = 0, ClientProfile profile = ClientProfile.Rust) =>
        new(null, failure, expiry, profile);
}
