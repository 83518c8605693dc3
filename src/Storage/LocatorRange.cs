using System.Buffers.Binary;

namespace Teos.Storage;

/// <summary>
/// The locators of one bucket as a byte-string range: those whose first <c>bits</c> bits equal the bucket number,
/// from the bucket's prefix followed by zero bits to the same prefix followed by one bits, both included.
/// </summary>
internal readonly record struct LocatorRange(byte[] First, byte[] Last)
{
    public static LocatorRange Of(int bucket, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 32);
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((long)bucket, 1L << bits);
        var first = (UInt128)(uint)bucket << (128 - bits);
        var last = first | ((UInt128.One << (128 - bits)) - 1);
        return new LocatorRange(BigEndian(first), BigEndian(last));
    }

    private static byte[] BigEndian(UInt128 value)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return bytes;
    }
}
