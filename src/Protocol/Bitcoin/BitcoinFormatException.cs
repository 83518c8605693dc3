namespace Teos.Protocol.Bitcoin;

/// <summary>Thrown by the throwing parse methods; the Try methods return the same <see cref="BitcoinFormatError"/> instead.</summary>
public sealed class BitcoinFormatException(BitcoinFormatError error) : FormatException(error.ToString())
{
    public BitcoinFormatError Error { get; } = error;
}
