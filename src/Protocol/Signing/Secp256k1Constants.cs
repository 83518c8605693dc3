namespace Teos.Protocol.Signing;

/// <summary>Sizes and the group order shared by both engines and the signer.</summary>
public static class Secp256k1Constants
{
    public const int SecretKeySize = 32;
    public const int DigestSize = 32;
    public const int CompactSignatureSize = 64;
    public const int CompressedPublicKeySize = 33;

    /// <summary>The group order n, big-endian.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>True when the 32 big-endian bytes are a scalar in 1..n-1 (valid secret key, r or s).</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> scalar32)
    {
        if (scalar32.Length != 32 || scalar32.IndexOfAnyExcept((byte)0) < 0)
            return false;
        return scalar32.SequenceCompareTo(Order) < 0;
    }
}
