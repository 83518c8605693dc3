using NBitcoin;

namespace Teos.Storage;

/// <summary>A block's txids as its recent_blocks row stores them: 32 internal-order bytes each, end to end.</summary>
internal static class PackedHashes
{
    private const int Size = 32;

    public static byte[] Pack(IReadOnlyList<uint256> hashes)
    {
        var packed = new byte[hashes.Count * Size];
        for (var i = 0; i < hashes.Count; i++)
            hashes[i].ToBytes(packed.AsSpan(i * Size, Size));
        return packed;
    }

    public static IReadOnlyList<uint256> Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.Length % Size != 0)
            throw new InvalidDataException($"A recent block's txids take {packed.Length} bytes, not a multiple of {Size}");
        var hashes = new uint256[packed.Length / Size];
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = new uint256(packed.Slice(i * Size, Size));
        return hashes;
    }
}
