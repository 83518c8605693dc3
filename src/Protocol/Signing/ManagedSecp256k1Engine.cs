using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Teos.Protocol.Signing;

/// <summary>
/// Pure managed fallback on BouncyCastle, used when libsecp256k1 cannot be loaded. Reproduces libsecp256k1
/// exactly: RFC 6979 (HMAC-SHA256) nonces over (secret, digest mod n), low-S, and the recovery id taken from
/// R's y parity and x overflow. Slower than native by an order of magnitude; correct on any platform.
/// </summary>
public sealed class ManagedSecp256k1Engine : ISecp256k1Engine
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger N = Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly BigInteger P = Curve.Curve.Field.Characteristic;
    private static readonly ECPoint G = Curve.G;
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    public string Name => "BouncyCastle (managed)";

    public bool IsValidSecretKey(ReadOnlySpan<byte> secretKey) => Secp256k1Constants.IsValidScalar(secretKey);

    public bool IsValidPublicKey(ReadOnlySpan<byte> compressedPublicKey) => TryDecompress(compressedPublicKey, out _);

    public void DerivePublicKey(ReadOnlySpan<byte> secretKey, Span<byte> compressedPublicKey)
    {
        CheckSize(compressedPublicKey, Secp256k1Constants.CompressedPublicKeySize, nameof(compressedPublicKey));
        var d = SecretScalar(secretKey);
        WriteCompressed(BaseMultiplier.Multiply(G, d), compressedPublicKey);
    }

    public int SignRecoverable(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> digest, Span<byte> compactSignature)
    {
        CheckSize(digest, Secp256k1Constants.DigestSize, nameof(digest));
        CheckSize(compactSignature, Secp256k1Constants.CompactSignatureSize, nameof(compactSignature));
        var d = SecretScalar(secretKey);
        var digestBytes = digest.ToArray();
        // libsecp256k1 reduces the digest mod n, both for e and as the RFC 6979 input (bits2octets).
        var e = new BigInteger(1, digestBytes).Mod(N);

        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(N, d, digestBytes);
        while (true)
        {
            var k = nonces.NextK();
            var point = BaseMultiplier.Multiply(G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(N);
            if (r.SignValue == 0)
                continue;
            var s = k.ModInverse(N).Multiply(e.Add(d.Multiply(r))).Mod(N);
            if (s.SignValue == 0)
                continue;

            // Recovery id: bit 0 = parity of R.y, bit 1 = R.x was >= n; negating s to make it low flips the parity.
            var recoveryId = (point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                s = N.Subtract(s);
                recoveryId ^= 1;
            }

            WriteScalar(r, compactSignature[..32]);
            WriteScalar(s, compactSignature[32..]);
            return recoveryId;
        }
    }

    public bool TryRecover(ReadOnlySpan<byte> compactSignature, int recoveryId, ReadOnlySpan<byte> digest, Span<byte> compressedPublicKey)
    {
        if (compactSignature.Length != Secp256k1Constants.CompactSignatureSize || digest.Length != Secp256k1Constants.DigestSize
            || compressedPublicKey.Length != Secp256k1Constants.CompressedPublicKeySize || recoveryId is < 0 or > 3)
            return false;
        if (!Secp256k1Constants.IsValidScalar(compactSignature[..32]) || !Secp256k1Constants.IsValidScalar(compactSignature[32..]))
            return false;

        var r = new BigInteger(1, compactSignature[..32].ToArray());
        var s = new BigInteger(1, compactSignature[32..].ToArray());

        // SEC1 4.1.6: R.x = r (+ n when bit 1 is set), which must still be a field element.
        var x = (recoveryId & 2) != 0 ? r.Add(N) : r;
        if (x.CompareTo(P) >= 0)
            return false;

        Span<byte> encodedR = stackalloc byte[Secp256k1Constants.CompressedPublicKeySize];
        encodedR[0] = (byte)(0x02 | (recoveryId & 1));
        WriteScalar(x, encodedR[1..]);
        if (!TryDecompress(encodedR, out var bigR))
            return false;

        // Q = r^-1 (s R - e G), computed as one double multiplication.
        var e = new BigInteger(1, digest.ToArray()).Mod(N);
        var rInverse = r.ModInverse(N);
        var u1 = N.Subtract(e).Multiply(rInverse).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(G, u1, bigR, u2).Normalize();
        if (q.IsInfinity)
            return false;

        WriteCompressed(q, compressedPublicKey);
        return true;
    }

    /// <summary>Decodes a compressed point without exceptions: x must be below p and x^3 + 7 a square.</summary>
    private static bool TryDecompress(ReadOnlySpan<byte> encoded, out ECPoint point)
    {
        point = Curve.Curve.Infinity;
        if (encoded.Length != Secp256k1Constants.CompressedPublicKeySize || encoded[0] is not (0x02 or 0x03))
            return false;
        var x = new BigInteger(1, encoded[1..].ToArray());
        if (x.CompareTo(P) >= 0)
            return false;

        var fieldX = Curve.Curve.FromBigInteger(x);
        var y = fieldX.Square().Multiply(fieldX).Add(Curve.Curve.B).Sqrt();
        if (y is null)
            return false;
        if (y.TestBitZero() != (encoded[0] == 0x03))
            y = y.Negate();
        point = Curve.Curve.CreatePoint(x, y.ToBigInteger());
        return true;
    }

    private static BigInteger SecretScalar(ReadOnlySpan<byte> secretKey)
    {
        if (!Secp256k1Constants.IsValidScalar(secretKey))
            throw new ArgumentException("Invalid secret key", nameof(secretKey));
        return new BigInteger(1, secretKey.ToArray());
    }

    private static void WriteCompressed(ECPoint point, Span<byte> destination) => point.GetEncoded(true).CopyTo(destination);

    private static void WriteScalar(BigInteger value, Span<byte> destination)
    {
        // Big-endian, left-padded with zeros to the destination width (32 bytes).
        var bytes = value.ToByteArrayUnsigned();
        destination[..^bytes.Length].Clear();
        bytes.CopyTo(destination[^bytes.Length..]);
    }

    private static void CheckSize(ReadOnlySpan<byte> span, int size, string name)
    {
        if (span.Length != size)
            throw new ArgumentException($"Expected {size} bytes, got {span.Length}", name);
    }
}
