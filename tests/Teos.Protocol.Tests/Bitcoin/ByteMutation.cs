using FsCheck;
using FsCheck.Fluent;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>One damage done to a valid serialization: truncation, a bit flip, an insertion or a deletion.</summary>
internal sealed record ByteMutation(string Kind, int Position, int Amount, byte[] Inserted)
{
    public static readonly Gen<ByteMutation> Any =
        from kind in Gen.Elements("truncate", "flip", "insert", "delete")
        from position in Gen.Choose(0, int.MaxValue)
        from amount in Gen.Choose(0, 63)
        from inserted in Bytes(1, 9)
        select new ByteMutation(kind, position, amount, inserted);

    public static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), length));

    public byte[] ApplyTo(byte[] bytes)
    {
        var at = bytes.Length == 0 ? 0 : Position % bytes.Length;
        return Kind switch
        {
            "truncate" => bytes[..at],
            "flip" => Flip(bytes, at),
            "insert" => [.. bytes[..at], .. Inserted, .. bytes[at..]],
            _ => [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + Amount + 1)..]],
        };
    }

    private byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        if (copy.Length > 0)
            copy[at] ^= (byte)(1 << (Amount % 8));
        return copy;
    }
}
