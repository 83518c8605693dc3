using System.Buffers;

namespace Teos.Protocol.Encoding;

/// <summary>Hex as the protocol uses it: lowercase out, either case in, odd lengths and stray characters refused.</summary>
public static class Hex
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789abcdefABCDEF");

    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static bool TryDecode(ReadOnlySpan<char> hex, out byte[] bytes, out HexError? error)
    {
        bytes = [];
        if (hex.Length % 2 != 0)
        {
            error = HexError.OddLength();
            return false;
        }

        // The runtime's decoder is vectorized; a 300-byte blob arrives with every appointment.
        var result = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, result, out _, out _) != OperationStatus.Done)
        {
            error = FirstInvalidCharacter(hex);
            return false;
        }

        bytes = result;
        error = null;
        return true;
    }

    public static bool TryDecodeExact(ReadOnlySpan<char> hex, int size, out byte[] bytes, out HexError? error)
    {
        if (!TryDecode(hex, out bytes, out error))
            return false;
        if (bytes.Length == size)
            return true;

        error = HexError.WrongSize(size, bytes.Length);
        bytes = [];
        return false;
    }

    /// <exception cref="HexFormatException">The string is not hex.</exception>
    public static byte[] Decode(ReadOnlySpan<char> hex) =>
        TryDecode(hex, out var bytes, out var error) ? bytes : throw new HexFormatException(error!);

    /// <exception cref="HexFormatException">The string is not hex, or not <paramref name="size"/> bytes.</exception>
    public static byte[] DecodeExact(ReadOnlySpan<char> hex, int size) =>
        TryDecodeExact(hex, size, out var bytes, out var error) ? bytes : throw new HexFormatException(error!);

    private static HexError FirstInvalidCharacter(ReadOnlySpan<char> hex)
    {
        var index = hex.IndexOfAnyExcept(Digits);
        return HexError.InvalidCharacter(hex[index], index);
    }
}
