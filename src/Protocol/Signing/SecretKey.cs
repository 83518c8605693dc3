using System.Security.Cryptography;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Signing;

/// <summary>
/// A secp256k1 secret key (32 bytes, 1..n-1): the tower's signing key, or a user's in clients and tests.
/// <see cref="ToString"/> never shows the key; use <see cref="ToHex"/> deliberately.
/// </summary>
public sealed class SecretKey
{
    public const int Size = Secp256k1Constants.SecretKeySize;

    private readonly byte[] _bytes;
    private readonly ISecp256k1Engine _engine;
    private readonly Lazy<PublicKey> _publicKey;

    private SecretKey(byte[] bytes, ISecp256k1Engine engine)
    {
        _bytes = bytes;
        _engine = engine;
        _publicKey = new Lazy<PublicKey>(Derive);
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The matching compressed public key (computed once).</summary>
    public PublicKey PublicKey => _publicKey.Value;

    /// <summary>A fresh key from the OS CSPRNG, redrawn until it is in 1..n-1 (a redraw has probability ~2^-128).</summary>
    public static SecretKey Generate(ISecp256k1Engine? engine = null)
    {
        engine ??= Secp256k1Engines.Default;
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(Size);
            if (engine.IsValidSecretKey(bytes))
                return new SecretKey(bytes, engine);
        }
    }

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out SecretKey? key, out KeyError? error) =>
        TryFromBytes(bytes, Secp256k1Engines.Default, out key, out error);

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, ISecp256k1Engine engine, out SecretKey? key, out KeyError? error)
    {
        key = null;
        if (bytes.Length != Size)
        {
            error = KeyError.WrongSize(Size, bytes.Length);
            return false;
        }

        if (!engine.IsValidSecretKey(bytes))
        {
            error = KeyError.InvalidSecretKey();
            return false;
        }

        key = new SecretKey(bytes.ToArray(), engine);
        error = null;
        return true;
    }

    public static bool TryParseHex(ReadOnlySpan<char> hex, out SecretKey? key, out KeyError? error) =>
        TryParseHex(hex, Secp256k1Engines.Default, out key, out error);

    public static bool TryParseHex(ReadOnlySpan<char> hex, ISecp256k1Engine engine, out SecretKey? key, out KeyError? error)
    {
        key = null;
        if (!Hex.TryDecode(hex, out var bytes, out var hexError))
        {
            error = KeyError.FromHex(hexError!, Size);
            return false;
        }

        var ok = TryFromBytes(bytes, engine, out key, out error);
        CryptographicOperations.ZeroMemory(bytes);
        return ok;
    }

    /// <exception cref="FormatException">Not a valid 32-byte secret in hex.</exception>
    public static SecretKey ParseHex(string hex, ISecp256k1Engine? engine = null) =>
        TryParseHex(hex, engine ?? Secp256k1Engines.Default, out var key, out var error) ? key! : throw new FormatException(error!.Message);

    public string ToHex() => Hex.Encode(_bytes);

    public override string ToString() => $"SecretKey({PublicKey})";

    private PublicKey Derive()
    {
        Span<byte> compressed = stackalloc byte[PublicKey.Size];
        _engine.DerivePublicKey(_bytes, compressed);
        return PublicKey.FromTrustedBytes(compressed);
    }
}
