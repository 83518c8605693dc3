using System.Buffers.Binary;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Writes Bitcoin's little-endian wire encoding into a span the caller sized exactly beforehand (every
/// serializable type knows its size), so serialization allocates only the result.
/// </summary>
public ref struct BitcoinWriter
{
    private readonly Span<byte> _buffer;

    public BitcoinWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
    }

    public int Position { get; private set; }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    public void WriteByte(byte value) => _buffer[Position++] = value;

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
        Position += 8;
    }

    /// <summary>Always the shortest form, the only one parsers accept.</summary>
    public void WriteCompactSize(ulong value)
    {
        switch (CompactSize.SizeOf(value))
        {
            case 1:
                WriteByte((byte)value);
                break;
            case 3:
                WriteByte(0xfd);
                BinaryPrimitives.WriteUInt16LittleEndian(_buffer[Position..], (ushort)value);
                Position += 2;
                break;
            case 5:
                WriteByte(0xfe);
                WriteUInt32((uint)value);
                break;
            default:
                WriteByte(0xff);
                BinaryPrimitives.WriteUInt64LittleEndian(_buffer[Position..], value);
                Position += 8;
                break;
        }
    }

    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }
}
