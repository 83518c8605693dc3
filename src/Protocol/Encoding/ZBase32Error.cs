namespace Teos.Protocol.Encoding;

public enum ZBase32ErrorKind
{
    InvalidLength,
    InvalidCharacter,
    NonZeroPadding,
}

/// <summary>Why a zbase32 string was refused (spec 1.7, rust-lightning decoding rules).</summary>
public sealed record ZBase32Error(ZBase32ErrorKind Kind, string Message)
{
    public static ZBase32Error InvalidLength(int length) =>
        new(ZBase32ErrorKind.InvalidLength, $"Invalid zbase32 length {length} (length mod 8 is 1, 3 or 6)");

    // The character is shown as a code point so that control or surrogate characters print safely.
    public static ZBase32Error InvalidCharacter(char c, int position) =>
        new(ZBase32ErrorKind.InvalidCharacter, $"Invalid zbase32 character U+{(int)c:X4} at position {position}");

    public static ZBase32Error NonZeroPadding() =>
        new(ZBase32ErrorKind.NonZeroPadding, "Non-zero padding bits in the last zbase32 character");
}
