namespace Teos.Protocol.Encoding;

public sealed class ZBase32FormatException(ZBase32Error error) : FormatException(error.Message)
{
    public ZBase32Error Error { get; } = error;
}
