namespace Teos.Protocol.Encoding;

/// <summary>
/// zbase32 as used by Lightning message signatures (spec 1.7): MSB-first 5-bit groups, zero-padded last group,
/// no '=' padding. Decoding follows rust-lightning: case-insensitive, lengths with a redundant character
/// (len mod 8 in {1, 3, 6}) refused, leftover bits must be zero. Decoders never throw on bad input.
/// </summary>
public static class ZBase32
{
    private const string Alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";

    // ASCII -> 5-bit value, -1 for characters outside the alphabet; upper case maps like lower case.
    private static readonly sbyte[] Index = BuildIndex();

    public static int GetEncodedLength(int byteCount) => (int)((8L * byteCount + 4) / 5);

    public static int GetDecodedLength(int charCount) => (int)(5L * charCount / 8);

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        Span<char> buffer = bytes.Length <= 256 ? stackalloc char[GetEncodedLength(bytes.Length)] : new char[GetEncodedLength(bytes.Length)];
        Encode(bytes, buffer);
        return new string(buffer);
    }

    /// <summary>Writes exactly <see cref="GetEncodedLength"/> characters to <paramref name="destination"/>.</summary>
    public static int Encode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var length = GetEncodedLength(bytes.Length);
        if (destination.Length < length)
            throw new ArgumentException($"Destination needs {length} characters", nameof(destination));

        int buffer = 0, bits = 0, written = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                destination[written++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
            destination[written++] = Alphabet[(buffer << (5 - bits)) & 31];
        return written;
    }

    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes, out ZBase32Error? error)
    {
        bytes = [];
        if (!IsValidLength(text.Length))
        {
            error = ZBase32Error.InvalidLength(text.Length);
            return false;
        }

        var result = new byte[GetDecodedLength(text.Length)];
        if (!TryDecode(text, result, out _, out error))
            return false;
        bytes = result;
        return true;
    }

    /// <summary>Allocation-free decode into <paramref name="destination"/> (at least <see cref="GetDecodedLength"/> bytes).</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written, out ZBase32Error? error)
    {
        written = 0;
        if (!IsValidLength(text.Length))
        {
            error = ZBase32Error.InvalidLength(text.Length);
            return false;
        }

        if (destination.Length < GetDecodedLength(text.Length))
            throw new ArgumentException($"Destination needs {GetDecodedLength(text.Length)} bytes", nameof(destination));

        int buffer = 0, bits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? Index[c] : -1;
            if (value < 0)
            {
                written = 0;
                error = ZBase32Error.InvalidCharacter(c, i);
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                destination[written++] = (byte)(buffer >> bits);
            }
        }

        // Fewer than 8 bits remain; a canonical encoder left them zero.
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            written = 0;
            error = ZBase32Error.NonZeroPadding();
            return false;
        }

        error = null;
        return true;
    }

    /// <exception cref="ZBase32FormatException">The string is not canonical zbase32.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text) =>
        TryDecode(text, out var bytes, out var error) ? bytes : throw new ZBase32FormatException(error!);

    // A length whose remainder is 1, 3 or 6 characters cannot come from whole bytes (rust-lightning rule).
    private static bool IsValidLength(int length) => (length % 8) is not (1 or 3 or 6);

    private static sbyte[] BuildIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            index[Alphabet[i]] = (sbyte)i;
            index[char.ToUpperInvariant(Alphabet[i])] = (sbyte)i;
        }

        return index;
    }
}
