namespace Teos.Grains.Users;

/// <summary>The outcome of a signed read: the value, or why access was refused (with the expiry, for the message).</summary>
[GenerateSerializer, Immutable, Alias("teos.access-result")]
public sealed record AccessResult<T>(T? Value, AccessFailure? Failure, uint Expiry)
    where T : class
{
    public static AccessResult<T> Granted(T? value) => new(value, null, 0);

    public static AccessResult<T> Denied(AccessFailure failure, uint expiry = 0) => new(null, failure, expiry);
}
