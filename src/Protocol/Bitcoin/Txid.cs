using System.Security.Cryptography;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// A transaction (or block) hash. Stored in internal order, the raw SHA256d output that appears inside
/// serialized transactions; bitcoind and every JSON field show the reverse, "display order" (spec 1.2).
/// </summary>
public readonly struct Txid : IEquatable<Txid>
{
    public const int Size = 32;

    /// <summary>All zeros: the previous-output txid of a coinbase input and the genesis block's previous hash.</summary>
    public static readonly Txid Zero = new(new byte[Size]);

    private readonly byte[] _internal;

    private Txid(byte[] internalOrder) => _internal = internalOrder;

    public ReadOnlySpan<byte> InternalBytes => _internal;

    public static Txid FromInternal(ReadOnlySpan<byte> internalOrder)
    {
        if (internalOrder.Length != Size)
            throw new ArgumentException($"A txid is {Size} bytes, got {internalOrder.Length}", nameof(internalOrder));
        return new Txid(internalOrder.ToArray());
    }

    public static Txid FromDisplay(ReadOnlySpan<byte> displayOrder)
    {
        var bytes = displayOrder.ToArray();
        if (bytes.Length != Size)
            throw new ArgumentException($"A txid is {Size} bytes, got {bytes.Length}", nameof(displayOrder));
        Array.Reverse(bytes);
        return new Txid(bytes);
    }

    /// <summary>The txid of a serialization: SHA256d of the bytes given (the non-witness form for a txid).</summary>
    public static Txid HashOf(ReadOnlySpan<byte> serialization)
    {
        Span<byte> first = stackalloc byte[Size];
        SHA256.HashData(serialization, first);
        var second = new byte[Size];
        SHA256.HashData(first, second);
        return new Txid(second);
    }

    /// <exception cref="HexFormatException">Not 64 hex characters.</exception>
    public static Txid ParseDisplayHex(string hex) => FromDisplay(Hex.DecodeExact(hex, Size));

    public static bool TryParseDisplayHex(string hex, out Txid txid)
    {
        txid = default;
        if (!Hex.TryDecodeExact(hex, Size, out var bytes, out _))
            return false;
        txid = FromDisplay(bytes);
        return true;
    }

    public byte[] ToDisplayBytes()
    {
        var bytes = _internal.ToArray();
        Array.Reverse(bytes);
        return bytes;
    }

    public string ToDisplayHex() => Hex.Encode(ToDisplayBytes());

    public string ToInternalHex() => Hex.Encode(_internal);

    public bool Equals(Txid other) => InternalBytes.SequenceEqual(other.InternalBytes);

    public override bool Equals(object? obj) => obj is Txid other && Equals(other);

    public override int GetHashCode() => _internal is null ? 0 : BitConverter.ToInt32(_internal, 0);

    public static bool operator ==(Txid left, Txid right) => left.Equals(right);

    public static bool operator !=(Txid left, Txid right) => !left.Equals(right);

    public override string ToString() => ToDisplayHex();
}
