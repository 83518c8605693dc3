using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>The whole-buffer parse shared by transactions, headers and blocks: one structure, nothing after it.</summary>
internal static class WireParsing
{
    public static bool TryParseWhole<T>(
        ReadOnlyMemory<byte> buffer,
        WireReader<T> read,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out BitcoinFormatError? error)
        where T : class
    {
        var reader = new BitcoinReader(buffer.Span);
        if (read(ref reader, buffer, out value) && reader.TryReadEnd())
        {
            error = null;
            return true;
        }

        value = null;
        error = reader.Error ?? throw new InvalidOperationException("A reader failed without recording why");
        return false;
    }

    /// <summary>Copies first: the parsed value keeps slices of its buffer, and a span's owner may reuse it.</summary>
    public static bool TryParseCopy<T>(
        ReadOnlySpan<byte> bytes,
        WireReader<T> read,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out BitcoinFormatError? error)
        where T : class =>
        TryParseWhole(bytes.ToArray(), read, out value, out error);

    /// <summary>The decoded array is owned by nobody else, so the parsed value may share it.</summary>
    public static bool TryParseHex<T>(
        string hex,
        WireReader<T> read,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out BitcoinFormatError? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(hex);
        // The vectorized decoder first: a 1 MB block is 2 MB of hex, and the protocol decoder is scalar.
        // Hex stays the judge of anything the fast path refuses, and names the error.
        var bytes = new byte[hex.Length / 2];
        var fast = hex.Length % 2 == 0 && Convert.FromHexString(hex, bytes, out _, out _) == OperationStatus.Done;
        if (fast || Hex.TryDecode(hex, out bytes, out var hexError))
            return TryParseWhole(bytes, read, out value, out error);

        value = null;
        // The offset is not a byte offset here; the hex message names the character position.
        error = new BitcoinFormatError(BitcoinFormatErrorKind.InvalidHex, hexError!.Message, 0);
        return false;
    }

    public static T OrThrow<T>(bool parsed, T? value, BitcoinFormatError? error)
        where T : class =>
        parsed ? value! : throw new BitcoinFormatException(error!);
}
