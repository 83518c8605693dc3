namespace Teos.Grains.Chain;

/// <summary>The verdict of <see cref="ChainView"/>: fresh, or stale with the reason (for logs and readiness).</summary>
public sealed record ChainFreshness(bool IsFresh, string Reason)
{
    public static ChainFreshness Fresh { get; } = new(true, "the tower's tip is current with bitcoind");

    public static ChainFreshness Stale(string reason) => new(false, reason);
}
