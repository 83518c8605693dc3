namespace Teos.Grains.Users;

/// <summary>Why an authenticated read was refused (401/7 on the wire).</summary>
public enum AccessFailure
{
    /// <summary>Unrecoverable signature, or the signer is not registered.</summary>
    AuthenticationFailed,

    SubscriptionExpired,
}
