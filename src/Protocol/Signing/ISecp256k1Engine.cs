namespace Teos.Protocol.Signing;

/// <summary>
/// The secp256k1 operations the protocol needs. Implementations must be byte-identical (RFC 6979 nonces without
/// extra entropy, low-S, libsecp256k1's recovery id) and safe to call from many threads at once.
/// Sizes: secret keys and digests 32 bytes, compact signatures 64 bytes (r || s), public keys 33 bytes compressed.
/// </summary>
public interface ISecp256k1Engine
{
    /// <summary>Shown in logs so an operator can tell whether the fast native path is in use.</summary>
    string Name { get; }

    /// <summary>True when the secret is 32 bytes and in 1..n-1.</summary>
    bool IsValidSecretKey(ReadOnlySpan<byte> secretKey);

    /// <summary>True when the bytes are a 33-byte SEC1 compressed encoding of a point on the curve.</summary>
    bool IsValidPublicKey(ReadOnlySpan<byte> compressedPublicKey);

    /// <summary>Writes the 33-byte compressed public key of a valid secret.</summary>
    /// <exception cref="ArgumentException">Wrong sizes or an invalid secret (a bug: <see cref="SecretKey"/> validates).</exception>
    void DerivePublicKey(ReadOnlySpan<byte> secretKey, Span<byte> compressedPublicKey);

    /// <summary>Signs a 32-byte digest; writes 64 bytes r || s (low-S) and returns the recovery id (0..3).</summary>
    /// <exception cref="ArgumentException">Wrong sizes or an invalid secret.</exception>
    int SignRecoverable(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> digest, Span<byte> compactSignature);

    /// <summary>
    /// Recovers the signer's compressed key. False for wrong sizes, a recovery id outside 0..3, r or s outside
    /// 1..n-1, or no valid key. High-S signatures are accepted, as in libsecp256k1.
    /// </summary>
    bool TryRecover(ReadOnlySpan<byte> compactSignature, int recoveryId, ReadOnlySpan<byte> digest, Span<byte> compressedPublicKey);
}
