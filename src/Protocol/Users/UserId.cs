using Teos.Protocol.Signing;

namespace Teos.Protocol.Users;

/// <summary>
/// A user's identity: their compressed secp256k1 public key (33 bytes, spec 1.4). Parsing classifies failures the
/// way /register reports them (spec 3.3): bad hex and invalid points are WRONG_FIELD_FORMAT, other sizes
/// WRONG_FIELD_SIZE.
/// </summary>
public readonly struct UserId : IEquatable<UserId>
{
    public const int Size = PublicKey.Size;

    public UserId(PublicKey key) => Key = key;

    public PublicKey Key { get; }

    public ReadOnlySpan<byte> Bytes => Key.Bytes;

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out UserId userId, out KeyError? error) =>
        TryFromBytes(bytes, Secp256k1Engines.Default, out userId, out error);

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, ISecp256k1Engine engine, out UserId userId, out KeyError? error)
    {
        var ok = PublicKey.TryFromBytes(bytes, engine, out var key, out error);
        userId = ok ? new UserId(key) : default;
        return ok;
    }

    public static bool TryParseHex(ReadOnlySpan<char> hex, out UserId userId, out KeyError? error) =>
        TryParseHex(hex, Secp256k1Engines.Default, out userId, out error);

    public static bool TryParseHex(ReadOnlySpan<char> hex, ISecp256k1Engine engine, out UserId userId, out KeyError? error)
    {
        var ok = PublicKey.TryParseHex(hex, engine, out var key, out error);
        userId = ok ? new UserId(key) : default;
        return ok;
    }

    /// <exception cref="FormatException">Not a valid compressed key in hex.</exception>
    public static UserId ParseHex(string hex) => new(PublicKey.ParseHex(hex));

    public static implicit operator PublicKey(UserId userId) => userId.Key;

    public string ToHex() => Key.ToHex();

    public byte[] ToArray() => Key.ToArray();

    public bool Equals(UserId other) => Key.Equals(other.Key);

    public override bool Equals(object? obj) => obj is UserId other && Equals(other);

    public override int GetHashCode() => Key.GetHashCode();

    public static bool operator ==(UserId left, UserId right) => left.Equals(right);

    public static bool operator !=(UserId left, UserId right) => !left.Equals(right);

    public override string ToString() => ToHex();
}
