using NBitcoin;
using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Storage.LocatorCache;

/// <summary>
/// One cached block's transactions (spec 4.3), searchable by either profile's locator. Both stores keep a block as
/// one row holding its txids packed end to end, 32 internal-order bytes each; a block hash fixes the transactions,
/// so a silo unpacks a row once and keeps it in memory for as long as the block stays cached.
/// </summary>
internal sealed class CachedBlock
{
    private const int TxidSize = 32;

    private readonly Dictionary<Locator, uint256> _rust;
    private readonly Dictionary<Locator, uint256> _python;

    private CachedBlock(int count)
    {
        _rust = new Dictionary<Locator, uint256>(count);
        _python = new Dictionary<Locator, uint256>(count);
    }

    /// <summary>The block's txids packed as its row stores them.</summary>
    public static byte[] Pack(IReadOnlyList<TransactionLocators> transactions)
    {
        var packed = new byte[transactions.Count * TxidSize];
        for (var i = 0; i < transactions.Count; i++)
            transactions[i].Txid.ToBytes(packed.AsSpan(i * TxidSize, TxidSize));
        return packed;
    }

    public static CachedBlock Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.Length % TxidSize != 0)
            throw new InvalidDataException($"A cached block's txids take {packed.Length} bytes, not a multiple of {TxidSize}");
        var block = new CachedBlock(packed.Length / TxidSize);
        for (var at = 0; at < packed.Length; at += TxidSize)
        {
            var txid = new uint256(packed.Slice(at, TxidSize));
            // A repeated txid (never in a valid block) keeps its first entry.
            block._rust.TryAdd(Locator.FromTxid(txid, ClientProfile.Rust), txid);
            block._python.TryAdd(Locator.FromTxid(txid, ClientProfile.Python), txid);
        }

        return block;
    }

    /// <summary>The transaction watched under <paramref name="locator"/> by a user of that profile, if any.</summary>
    public uint256? Find(Locator locator, ClientProfile profile) =>
        (profile == ClientProfile.Python ? _python : _rust).TryGetValue(locator, out var txid) ? txid : null;
}
