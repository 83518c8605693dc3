using Teos.Protocol.Encoding;

namespace Teos.Protocol.Signing;

/// <summary>A refused key with the protocol's wording (spec 3.2/3.3); <see cref="Received"/> is the decoded size.</summary>
public sealed record KeyError(KeyErrorKind Kind, string Message, int Expected, int Received)
{
    public static KeyError FromHex(HexError error, int expected) => new(KeyErrorKind.InvalidHex, error.Message, expected, 0);

    public static KeyError WrongSize(int expected, int received) =>
        new(KeyErrorKind.WrongSize, $"Expected {expected} bytes, received {received}", expected, received);

    public static KeyError InvalidPublicKey() =>
        new(KeyErrorKind.InvalidKey, "Provided public key does not match expected format (33-byte compressed key)",
            Secp256k1Constants.CompressedPublicKeySize, Secp256k1Constants.CompressedPublicKeySize);

    public static KeyError InvalidSecretKey() =>
        new(KeyErrorKind.InvalidKey, "Secret key is zero or not below the curve order", Secp256k1Constants.SecretKeySize, Secp256k1Constants.SecretKeySize);
}
