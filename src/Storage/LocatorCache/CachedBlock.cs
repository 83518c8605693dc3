using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Storage.LocatorCache;

/// <summary>
/// One cached block's transactions (spec 4.3), searchable by either profile's locator. Both stores keep a block as
/// one row holding its txids packed end to end, 32 internal-order bytes each; a block hash fixes the transactions,
/// so a silo unpacks a row once and keeps it in memory for as long as the block stays cached.
/// </summary>
internal sealed class CachedBlock
{
    private readonly Dictionary<Locator, Txid> _rust;
    private readonly Dictionary<Locator, Txid> _python;

    private CachedBlock(int count)
    {
        _rust = new Dictionary<Locator, Txid>(count);
        _python = new Dictionary<Locator, Txid>(count);
    }

    /// <summary>The block's txids packed as its row stores them.</summary>
    public static byte[] Pack(IReadOnlyList<TransactionLocators> transactions)
    {
        var packed = new byte[transactions.Count * Txid.Size];
        for (var i = 0; i < transactions.Count; i++)
            transactions[i].Txid.InternalBytes.CopyTo(packed.AsSpan(i * Txid.Size, Txid.Size));
        return packed;
    }

    public static CachedBlock Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.Length % Txid.Size != 0)
            throw new InvalidDataException($"A cached block's txids take {packed.Length} bytes, not a multiple of {Txid.Size}");
        var block = new CachedBlock(packed.Length / Txid.Size);
        for (var at = 0; at < packed.Length; at += Txid.Size)
        {
            var txid = Txid.FromInternal(packed.Slice(at, Txid.Size));
            // A repeated txid (never in a valid block) keeps its first entry.
            block._rust.TryAdd(Locator.FromTxid(txid, ClientProfile.Rust), txid);
            block._python.TryAdd(Locator.FromTxid(txid, ClientProfile.Python), txid);
        }

        return block;
    }

    /// <summary>The transaction watched under <paramref name="locator"/> by a user of that profile, if any.</summary>
    public Txid? Find(Locator locator, ClientProfile profile) =>
        (profile == ClientProfile.Python ? _python : _rust).TryGetValue(locator, out var txid) ? txid : null;
}
