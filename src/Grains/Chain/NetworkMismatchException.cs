namespace Teos.Grains.Chain;

/// <summary>bitcoind follows another network than the tower is configured for (spec 4.7 step 3).</summary>
public sealed class NetworkMismatchException : Exception
{
    public NetworkMismatchException(string configured, string bitcoindChain)
        : base($"bitcoind is on network '{bitcoindChain}' but the tower is configured for '{configured}' (btc_network); refusing to start")
    {
        Configured = configured;
        BitcoindChain = bitcoindChain;
    }

    public string Configured { get; }

    public string BitcoindChain { get; }
}
