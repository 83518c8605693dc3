using System.Buffers.Binary;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Signing;

/// <summary>
/// A secp256k1 public key in SEC1 compressed form (33 bytes, spec 1.4), always a valid curve point.
/// Users and the tower are identified by one (<see cref="Users.UserId"/>, tower_id).
/// </summary>
public readonly struct PublicKey : IEquatable<PublicKey>
{
    public const int Size = Secp256k1Constants.CompressedPublicKeySize;

    private readonly byte[] _bytes;

    private PublicKey(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;

    public bool IsDefault => _bytes is null;

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out PublicKey key, out KeyError? error) =>
        TryFromBytes(bytes, Secp256k1Engines.Default, out key, out error);

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, ISecp256k1Engine engine, out PublicKey key, out KeyError? error)
    {
        key = default;
        if (bytes.Length != Size)
        {
            error = KeyError.WrongSize(Size, bytes.Length);
            return false;
        }

        if (!engine.IsValidPublicKey(bytes))
        {
            error = KeyError.InvalidPublicKey();
            return false;
        }

        key = new PublicKey(bytes.ToArray());
        error = null;
        return true;
    }

    /// <summary>Hex → key, classified as spec 3.3 needs: bad hex, wrong size, not a curve point.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out PublicKey key, out KeyError? error) =>
        TryParseHex(hex, Secp256k1Engines.Default, out key, out error);

    public static bool TryParseHex(ReadOnlySpan<char> hex, ISecp256k1Engine engine, out PublicKey key, out KeyError? error)
    {
        key = default;
        if (!Hex.TryDecode(hex, out var bytes, out var hexError))
        {
            error = KeyError.FromHex(hexError!, Size);
            return false;
        }

        return TryFromBytes(bytes, engine, out key, out error);
    }

    /// <exception cref="FormatException">Not a valid compressed key in hex.</exception>
    public static PublicKey ParseHex(string hex) =>
        TryParseHex(hex, out var key, out var error) ? key : throw new FormatException(error!.Message);

    /// <summary>For bytes an engine just produced (derivation, recovery): already known to be valid.</summary>
    internal static PublicKey FromTrustedBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public byte[] ToArray() => _bytes.ToArray();

    public string ToHex() => Hex.Encode(_bytes);

    public bool Equals(PublicKey other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is PublicKey other && Equals(other);

    // Bytes 1..4 are the start of the X coordinate: uniformly distributed.
    public override int GetHashCode() => _bytes is null ? 0 : BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(1));

    public static bool operator ==(PublicKey left, PublicKey right) => left.Equals(right);

    public static bool operator !=(PublicKey left, PublicKey right) => !left.Equals(right);

    public override string ToString() => ToHex();
}
