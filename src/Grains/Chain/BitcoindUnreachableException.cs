namespace Teos.Grains.Chain;

/// <summary>bitcoind could not be reached (refused, timed out, warming up, overloaded) after bounded retries.</summary>
public sealed class BitcoindUnreachableException : BitcoindException
{
    public BitcoindUnreachableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
