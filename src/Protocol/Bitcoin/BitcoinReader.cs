using System.Buffers.Binary;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Reads Bitcoin's little-endian wire encoding without ever reading past the span. Failures are reported
/// through <see cref="Error"/> and a false return, not exceptions: hostile bytes (a decrypted penalty, a
/// fuzzer) are an expected input, and the parse must stay cheap when it fails.
/// </summary>
public ref struct BitcoinReader
{
    private readonly ReadOnlySpan<byte> _data;

    public BitcoinReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
        Error = null;
    }

    /// <summary>Offset of the next unread byte from the start of the span.</summary>
    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    /// <summary>Set by the first failed read; later reads do not overwrite it.</summary>
    public BitcoinFormatError? Error { get; private set; }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if ((uint)count > (uint)Remaining)
        {
            bytes = default;
            return Fail(BitcoinFormatErrorKind.Truncated, $"Expected {count} more bytes, {Remaining} left");
        }

        bytes = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (!TryReadBytes(1, out var bytes))
            return false;
        value = bytes[0];
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (!TryReadBytes(4, out var bytes))
            return false;
        value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return true;
    }

    public bool TryReadInt32(out int value)
    {
        value = 0;
        if (!TryReadBytes(4, out var bytes))
            return false;
        value = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        return true;
    }

    public bool TryReadInt64(out long value)
    {
        value = 0;
        if (!TryReadBytes(8, out var bytes))
            return false;
        value = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return true;
    }

    /// <summary>Reads a CompactSize, refusing non-shortest encodings as bitcoind and rust-bitcoin do.</summary>
    public bool TryReadCompactSize(out ulong value)
    {
        value = 0;
        var start = Position;
        if (!TryReadByte(out var prefix))
            return false;

        ulong minimum;
        switch (prefix)
        {
            case < 0xfd:
                value = prefix;
                return true;
            case 0xfd:
                if (!TryReadBytes(2, out var two))
                    return false;
                value = BinaryPrimitives.ReadUInt16LittleEndian(two);
                minimum = 0xfd;
                break;
            case 0xfe:
                if (!TryReadBytes(4, out var four))
                    return false;
                value = BinaryPrimitives.ReadUInt32LittleEndian(four);
                minimum = 0x1_0000;
                break;
            default:
                if (!TryReadBytes(8, out var eight))
                    return false;
                value = BinaryPrimitives.ReadUInt64LittleEndian(eight);
                minimum = 0x1_0000_0000;
                break;
        }

        if (value >= minimum)
            return true;
        return Fail(BitcoinFormatErrorKind.NonCanonicalCompactSize, $"Non-minimal CompactSize encoding of {value}", start);
    }

    /// <summary>
    /// Reads an element count and checks, before anyone allocates for it, that the remaining input could hold
    /// that many elements of at least <paramref name="minimumElementSize"/> bytes each. This is what makes a
    /// count of 2^64-1 fail at once and keeps allocations proportional to the input length.
    /// </summary>
    public bool TryReadCount(int minimumElementSize, out int count)
    {
        count = 0;
        var start = Position;
        if (!TryReadCompactSize(out var value))
            return false;
        if (value > (ulong)(Remaining / Math.Max(minimumElementSize, 1)))
            return Fail(BitcoinFormatErrorKind.SizeExceedsInput, $"Count {value} cannot fit in the {Remaining} bytes left", start);
        count = (int)value;
        return true;
    }

    /// <summary>Reads a CompactSize length and that many bytes.</summary>
    public bool TryReadVarBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        var start = Position;
        if (!TryReadCompactSize(out var length))
            return false;
        if (length > (ulong)Remaining)
            return Fail(BitcoinFormatErrorKind.SizeExceedsInput, $"Length {length} exceeds the {Remaining} bytes left", start);
        return TryReadBytes((int)length, out bytes);
    }

    /// <summary>Succeeds only if every byte was consumed: the protocol deserializes whole buffers.</summary>
    public bool TryReadEnd()
    {
        if (Remaining == 0)
            return true;
        return Fail(BitcoinFormatErrorKind.TrailingBytes, $"{Remaining} trailing bytes");
    }

    /// <summary>Records a failure found by the caller (at the current position unless <paramref name="offset"/> says otherwise) and returns false.</summary>
    public bool Fail(BitcoinFormatErrorKind kind, string message, int? offset = null)
    {
        Error ??= new BitcoinFormatError(kind, message, offset ?? Position);
        return false;
    }
}
