namespace Teos.Protocol.Encoding;

public sealed class HexFormatException(HexError error) : FormatException(error.Message)
{
    public HexError Error { get; } = error;
}
