namespace Teos.Grains.Chain;

/// <summary>Any failure talking to bitcoind. The subclasses say which kind, so callers can map outcomes (spec 4.4).</summary>
public abstract class BitcoindException : Exception
{
    protected BitcoindException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
