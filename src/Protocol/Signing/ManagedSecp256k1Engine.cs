using NBitcoin.Secp256k1;

namespace Teos.Protocol.Signing;

/// <summary>
/// Pure managed fallback on NBitcoin.Secp256k1 (a C# port of libsecp256k1), used when the native library cannot be
/// loaded. Same algorithms as libsecp256k1, so the same bytes: RFC 6979 nonces, low-S, libsecp256k1's recovery id.
/// Slower than native by an order of magnitude; correct on any platform.
/// </summary>
public sealed class ManagedSecp256k1Engine : ISecp256k1Engine
{
    /// <summary>p - n, big-endian: the bound on r when R.x = r + n.</summary>
    private static ReadOnlySpan<byte> FieldMinusOrder =>
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x45, 0x51, 0x23, 0x19, 0x50, 0xB7, 0x5F, 0xC4, 0x40, 0x2D, 0xA1, 0x72, 0x2F, 0xC9, 0xBA, 0xEE,
    ];

    public string Name => "NBitcoin.Secp256k1 (managed)";

    public bool IsValidSecretKey(ReadOnlySpan<byte> secretKey) => Secp256k1Constants.IsValidScalar(secretKey);

    public bool IsValidPublicKey(ReadOnlySpan<byte> compressedPublicKey) => TryParsePublicKey(compressedPublicKey, out _);

    public void DerivePublicKey(ReadOnlySpan<byte> secretKey, Span<byte> compressedPublicKey)
    {
        CheckSize(compressedPublicKey, Secp256k1Constants.CompressedPublicKeySize, nameof(compressedPublicKey));
        using var key = SecretScalar(secretKey);
        key.CreatePubKey().WriteToSpan(compressed: true, compressedPublicKey, out _);
    }

    public int SignRecoverable(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> digest, Span<byte> compactSignature)
    {
        CheckSize(digest, Secp256k1Constants.DigestSize, nameof(digest));
        CheckSize(compactSignature, Secp256k1Constants.CompactSignatureSize, nameof(compactSignature));
        using var key = SecretScalar(secretKey);
        // The default nonce function is RFC 6979 without extra data, as libsecp256k1's; signatures come out low-S.
        if (!key.TrySignRecoverable(digest, out var signature) || signature is null)
            throw new ArgumentException("Signing failed", nameof(secretKey));
        signature.WriteToSpanCompact(compactSignature, out var recoveryId);
        return recoveryId;
    }

    public bool TryRecover(ReadOnlySpan<byte> compactSignature, int recoveryId, ReadOnlySpan<byte> digest, Span<byte> compressedPublicKey)
    {
        if (compactSignature.Length != Secp256k1Constants.CompactSignatureSize || digest.Length != Secp256k1Constants.DigestSize
            || compressedPublicKey.Length != Secp256k1Constants.CompressedPublicKeySize || recoveryId is < 0 or > 3)
            return false;
        // libsecp256k1 refuses r or s of zero or at least n; so does the compact parser below, checked here so the
        // rule does not hang on a library detail.
        if (!Secp256k1Constants.IsValidScalar(compactSignature[..32]) || !Secp256k1Constants.IsValidScalar(compactSignature[32..]))
            return false;
        // Recovery ids 2 and 3 say R.x = r + n, which must still be below p. NBitcoin.Secp256k1 4.0.4 compares r
        // with n there instead of p - n (libsecp256k1's secp256k1_ecdsa_sig_recover), so for r >= p - n it wraps
        // modulo p and "recovers" a key from a signature libsecp256k1 refuses.
        if ((recoveryId & 2) != 0 && compactSignature[..32].SequenceCompareTo(FieldMinusOrder) >= 0)
            return false;
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(compactSignature, recoveryId, out var signature)
            || !ECPubKey.TryRecover(Context.Instance, signature, digest, out var publicKey))
            return false;

        publicKey.WriteToSpan(compressed: true, compressedPublicKey, out _);
        return true;
    }

    /// <summary>Only the 33-byte compressed encoding counts: an uncompressed or hybrid key is not a TEOS key.</summary>
    private static bool TryParsePublicKey(ReadOnlySpan<byte> encoded, out ECPubKey? publicKey)
    {
        publicKey = null;
        return encoded.Length == Secp256k1Constants.CompressedPublicKeySize
            && encoded[0] is 0x02 or 0x03
            && ECPubKey.TryCreate(encoded, Context.Instance, out _, out publicKey);
    }

    private static ECPrivKey SecretScalar(ReadOnlySpan<byte> secretKey) =>
        Secp256k1Constants.IsValidScalar(secretKey) && ECPrivKey.TryCreate(secretKey, out var key)
            ? key
            : throw new ArgumentException("Invalid secret key", nameof(secretKey));

    private static void CheckSize(ReadOnlySpan<byte> span, int size, string name)
    {
        if (span.Length != size)
            throw new ArgumentException($"Expected {size} bytes, got {span.Length}", name);
    }
}
