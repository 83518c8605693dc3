namespace Teos.Protocol.Encoding;

public enum HexErrorKind
{
    OddLength,
    InvalidCharacter,
    WrongSize,
}

/// <summary>Why a hex string was refused. Messages follow the Rust `hex` crate wording the protocol's error codes are derived from.</summary>
public sealed record HexError(HexErrorKind Kind, string Message)
{
    public static HexError OddLength() => new(HexErrorKind.OddLength, "Odd number of digits");

    public static HexError InvalidCharacter(char c, int position) =>
        new(HexErrorKind.InvalidCharacter, $"Invalid character '{c}' at position {position}");

    public static HexError WrongSize(int expected, int received) =>
        new(HexErrorKind.WrongSize, $"Expected {expected} bytes, received {received}");
}
