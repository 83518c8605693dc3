namespace Teos.Silo.Bitcoind;

/// <summary>The cookie file cannot be used. Treated like an unreachable bitcoind: it may not have written it yet.</summary>
public sealed class BitcoindCookieException : Exception
{
    public BitcoindCookieException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
