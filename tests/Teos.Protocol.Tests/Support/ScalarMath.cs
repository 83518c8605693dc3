using System.Numerics;
using Teos.Protocol.Signing;

namespace Teos.Protocol.Tests.Support;

public static class ScalarMath
{
    private static readonly BigInteger N = new(Secp256k1Constants.Order, isUnsigned: true, isBigEndian: true);

    /// <summary>n - s as 32 big-endian bytes.</summary>
    public static byte[] Negate(ReadOnlySpan<byte> scalar)
    {
        var value = N - new BigInteger(scalar, isUnsigned: true, isBigEndian: true);
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
