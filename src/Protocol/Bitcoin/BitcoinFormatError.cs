namespace Teos.Protocol.Bitcoin;

/// <summary>
/// A refusal to parse, with the byte offset (from the start of the buffer given to the parser) where
/// the problem was found, so a log line points at the offending byte.
/// </summary>
public sealed record BitcoinFormatError(BitcoinFormatErrorKind Kind, string Message, int Offset)
{
    public override string ToString() => $"{Message} (at byte {Offset})";
}
