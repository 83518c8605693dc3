using System.Buffers.Binary;
using NBitcoin;
using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;

namespace Teos.Protocol.Appointments;

/// <summary>
/// 16 bytes derived from the dispute txid (spec 1.3): the first 16 bytes of the internal-order txid for rust-teos
/// clients, of the display-order txid for python-teos clients (spec 9). Held as two integers so that the per-block
/// match can build and compare locators without allocating.
/// </summary>
public readonly struct Locator : IEquatable<Locator>, IComparable<Locator>
{
    public const int Size = 16;

    // Big-endian halves, so integer order is byte order.
    private readonly ulong _high;
    private readonly ulong _low;

    private Locator(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The first 8 bytes, big-endian: what a locator bucket indexes (and its first bits pick the bucket).</summary>
    public ulong High => _high;

    /// <summary>The last 8 bytes, big-endian.</summary>
    public ulong Low => _low;

    public static Locator FromHalves(ulong high, ulong low) => new(high, low);

    public static Locator FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A locator is {Size} bytes, got {bytes.Length}", nameof(bytes));
        return new Locator(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>The locator a client of <paramref name="profile"/> computes for this dispute txid (spec 1.3, 9).</summary>
    public static Locator FromTxid(uint256 txid, ClientProfile profile = ClientProfile.Rust)
    {
        Span<byte> internalOrder = stackalloc byte[32];
        txid.ToBytes(internalOrder);
        if (profile != ClientProfile.Python)
            return FromBytes(internalOrder[..Size]);

        // python-teos: the first 16 bytes in display order, i.e. the last 16 internal bytes reversed.
        var display = internalOrder[Size..];
        display.Reverse();
        return FromBytes(display);
    }

    /// <summary>Hex → locator; a wrong length is <see cref="HexErrorKind.WrongSize"/> (WRONG_FIELD_SIZE, spec 3.4).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out Locator locator, out HexError? error)
    {
        locator = default;
        if (!Hex.TryDecodeExact(hex, Size, out var bytes, out error))
            return false;
        locator = FromBytes(bytes);
        return true;
    }

    /// <exception cref="HexFormatException">Not 32 hex characters.</exception>
    public static Locator ParseHex(string hex) => FromBytes(Hex.DecodeExact(hex, Size));

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Hex.Encode(bytes);
    }

    public bool Equals(Locator other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is Locator other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_high, _low);

    public int CompareTo(Locator other) => _high != other._high ? _high.CompareTo(other._high) : _low.CompareTo(other._low);

    public static bool operator ==(Locator left, Locator right) => left.Equals(right);

    public static bool operator !=(Locator left, Locator right) => !left.Equals(right);

    public override string ToString() => ToHex();
}
