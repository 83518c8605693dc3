namespace Teos.Grains.Chain;

/// <summary>bitcoind (or whatever answered) sent a reply that is not a well-formed JSON-RPC answer for the method.</summary>
public sealed class BitcoindReplyException : BitcoindException
{
    public BitcoindReplyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
