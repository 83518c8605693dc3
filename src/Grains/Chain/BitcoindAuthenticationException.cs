namespace Teos.Grains.Chain;

/// <summary>bitcoind refused the RPC credentials (HTTP 401/403), even after re-reading the cookie file.</summary>
public sealed class BitcoindAuthenticationException : BitcoindException
{
    public BitcoindAuthenticationException(string message)
        : base(message)
    {
    }
}
