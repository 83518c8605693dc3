using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Signing;

/// <summary>
/// Lightning "signmessage" (spec 1.6), as lnd, Core Lightning and rust-lightning do it: a recoverable ECDSA
/// signature over SHA256d("Lightning Signed Message:" || message), sent as zbase32 of (31 + recid) || r || s.
/// Recovery is the tower's throughput bottleneck: the span overloads allocate nothing.
/// </summary>
public sealed class LightningMessageSigner(ISecp256k1Engine engine)
{
    public const int RawSignatureSize = 65;
    public const int ZBase32SignatureLength = 104;
    private const byte HeaderBase = 31;
    private const int StackMessageLimit = 1024;

    private static readonly Lazy<LightningMessageSigner> Shared = new(() => new LightningMessageSigner(Secp256k1Engines.Default));

    /// <summary>The signer on the process-wide engine (<see cref="Secp256k1Engines.Default"/>).</summary>
    public static LightningMessageSigner Default => Shared.Value;

    public ISecp256k1Engine Engine { get; } = engine;

    /// <summary>The 25 ASCII bytes prefixed to every signed message (no length, no trailing space).</summary>
    public static ReadOnlySpan<byte> Prefix => "Lightning Signed Message:"u8;

    /// <summary>digest = SHA256d(prefix || message), written to 32 bytes.</summary>
    [SkipLocalsInit] // the buffers are fully overwritten before use
    public static void ComputeDigest(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        var length = Prefix.Length + message.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= StackMessageLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        Prefix.CopyTo(buffer);
        message.CopyTo(buffer[Prefix.Length..]);
        Span<byte> first = stackalloc byte[Secp256k1Constants.DigestSize];
        SHA256.HashData(buffer[..length], first);
        SHA256.HashData(first, digest);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }

    public static byte[] ComputeDigest(ReadOnlySpan<byte> message)
    {
        var digest = new byte[Secp256k1Constants.DigestSize];
        ComputeDigest(message, digest);
        return digest;
    }

    /// <summary>The 65 raw bytes (31 + recid) || r || s.</summary>
    public void SignRaw(SecretKey key, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        if (signature.Length != RawSignatureSize)
            throw new ArgumentException($"Expected {RawSignatureSize} bytes", nameof(signature));
        Span<byte> digest = stackalloc byte[Secp256k1Constants.DigestSize];
        ComputeDigest(message, digest);
        var recoveryId = Engine.SignRecoverable(key.Bytes, digest, signature[1..]);
        signature[0] = (byte)(HeaderBase + recoveryId);
    }

    /// <summary>The zbase32 signature (104 lowercase characters).</summary>
    public string Sign(SecretKey key, ReadOnlySpan<byte> message)
    {
        Span<byte> raw = stackalloc byte[RawSignatureSize];
        SignRaw(key, message, raw);
        return ZBase32.Encode(raw);
    }

    /// <summary>Recovers the signer into 33 bytes without allocating. Never throws on malformed signatures.</summary>
    public bool TryRecover(ReadOnlySpan<byte> message, ReadOnlySpan<char> signature, Span<byte> signer, out SignatureFailure failure)
    {
        if (signer.Length != PublicKey.Size)
            throw new ArgumentException($"Expected {PublicKey.Size} bytes", nameof(signer));

        // Only 104 characters decode to 65 bytes; checking first keeps the decode buffer on the stack.
        if (signature.Length != ZBase32SignatureLength)
        {
            failure = ZBase32.TryDecode(signature, out _, out _) ? SignatureFailure.WrongLength : SignatureFailure.InvalidZBase32;
            return false;
        }

        Span<byte> raw = stackalloc byte[RawSignatureSize];
        if (!ZBase32.TryDecode(signature, raw, out _, out _))
        {
            failure = SignatureFailure.InvalidZBase32;
            return false;
        }

        return TryRecoverRaw(message, raw, signer, out failure);
    }

    /// <summary>Recovery from the 65 decoded bytes (spec 1.6 steps 2–5).</summary>
    public bool TryRecoverRaw(ReadOnlySpan<byte> message, ReadOnlySpan<byte> raw, Span<byte> signer, out SignatureFailure failure)
    {
        if (raw.Length != RawSignatureSize)
        {
            failure = SignatureFailure.WrongLength;
            return false;
        }

        var recoveryId = raw[0] - HeaderBase;
        if (recoveryId is < 0 or > 3)
        {
            failure = SignatureFailure.InvalidHeader;
            return false;
        }

        var compact = raw[1..];
        if (!Secp256k1Constants.IsValidScalar(compact[..32]) || !Secp256k1Constants.IsValidScalar(compact[32..]))
        {
            failure = SignatureFailure.ScalarOutOfRange;
            return false;
        }

        Span<byte> digest = stackalloc byte[Secp256k1Constants.DigestSize];
        ComputeDigest(message, digest);
        if (!Engine.TryRecover(compact, recoveryId, digest, signer))
        {
            failure = SignatureFailure.RecoveryFailed;
            return false;
        }

        failure = SignatureFailure.None;
        return true;
    }

    public bool TryRecover(ReadOnlySpan<byte> message, ReadOnlySpan<char> signature, out PublicKey signer, out SignatureFailure failure)
    {
        Span<byte> compressed = stackalloc byte[PublicKey.Size];
        signer = TryRecover(message, signature, compressed, out failure) ? PublicKey.FromTrustedBytes(compressed) : default;
        return failure == SignatureFailure.None;
    }

    /// <summary>Recover, then compare with the expected key (spec 1.6: verifying against a known key).</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<char> signature, PublicKey expected)
    {
        Span<byte> compressed = stackalloc byte[PublicKey.Size];
        return TryRecover(message, signature, compressed, out _) && compressed.SequenceEqual(expected.Bytes);
    }
}
