namespace Teos.Protocol.Profiles;

/// <summary>
/// Which client family a user registered as (spec 9). It decides the locator byte order, the blob key and the
/// receipt layouts; everything else follows rust-teos.
/// </summary>
public enum ClientProfile
{
    /// <summary>rust-teos and its CLN plugin (normative): registered with <c>user_id</c>.</summary>
    Rust = 0,

    /// <summary>The python-teos client: registered with <c>public_key</c>.</summary>
    Python = 1,
}
