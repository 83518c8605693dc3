namespace Teos.Protocol.Encoding;

/// <summary>Hex as the protocol uses it: lowercase out, either case in, odd lengths and stray characters refused.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static bool TryDecode(ReadOnlySpan<char> hex, out byte[] bytes, out HexError? error)
    {
        bytes = [];
        if (hex.Length % 2 != 0)
        {
            error = HexError.OddLength();
            return false;
        }

        var result = new byte[hex.Length / 2];
        for (var i = 0; i < hex.Length; i += 2)
        {
            var high = Nibble(hex[i]);
            if (high < 0)
            {
                error = HexError.InvalidCharacter(hex[i], i);
                return false;
            }

            var low = Nibble(hex[i + 1]);
            if (low < 0)
            {
                error = HexError.InvalidCharacter(hex[i + 1], i + 1);
                return false;
            }

            result[i / 2] = (byte)((high << 4) | low);
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

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
