using System.Security.Cryptography;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Bitcoin's merkle root: hash adjacent pairs of internal-order txids with SHA256d, duplicating the last
/// one of an odd level, until one hash is left. An empty list gives the zero hash, as in bitcoind.
/// </summary>
internal static class MerkleTree
{
    public static Txid ComputeRoot(IReadOnlyList<Txid> txids)
    {
        ArgumentNullException.ThrowIfNull(txids);
        if (txids.Count == 0)
            return Txid.Zero;

        var level = new byte[txids.Count * Txid.Size];
        for (var i = 0; i < txids.Count; i++)
            txids[i].InternalBytes.CopyTo(level.AsSpan(i * Txid.Size));

        Span<byte> pair = stackalloc byte[2 * Txid.Size];
        Span<byte> firstRound = stackalloc byte[Txid.Size];
        var count = txids.Count;
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i < count; i += 2)
            {
                var right = i + 1 < count ? i + 1 : i;
                level.AsSpan(i * Txid.Size, Txid.Size).CopyTo(pair);
                level.AsSpan(right * Txid.Size, Txid.Size).CopyTo(pair[Txid.Size..]);
                SHA256.HashData(pair, firstRound);
                // Safe in place: slot next <= i, and both children were copied out first.
                SHA256.HashData(firstRound, level.AsSpan(next * Txid.Size, Txid.Size));
                next++;
            }

            count = next;
        }

        return Txid.FromInternal(level.AsSpan(0, Txid.Size));
    }
}
