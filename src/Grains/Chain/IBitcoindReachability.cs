namespace Teos.Grains.Chain;

/// <summary>Whether bitcoind answered its last poll; while it does not, the public API answers 503 (spec 4.8).</summary>
public interface IBitcoindReachability
{
    bool IsReachable { get; }
}
