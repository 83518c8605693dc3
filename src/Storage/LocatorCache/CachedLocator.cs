using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Storage.LocatorCache;

/// <summary>
/// One row of the locator cache (spec 4.3), as both stores keep it: a locator a cached transaction can be watched
/// under, the profile whose byte order it is in, and the 16 txid bytes the locator does not hold.
/// </summary>
internal readonly record struct CachedLocator(Locator Locator, ClientProfile Profile, Txid Txid)
{
    public const int RestSize = Txid.Size - Locator.Size;

    /// <summary>
    /// The txid's internal-order bytes the locator does not hold: a rust-teos locator is the first 16 internal
    /// bytes, so the last 16; a python-teos locator is the last 16 reversed, so the first 16.
    /// </summary>
    public void Rest(Span<byte> destination) =>
        (Profile == ClientProfile.Python ? Txid.InternalBytes[..Locator.Size] : Txid.InternalBytes[Locator.Size..]).CopyTo(destination);

    /// <summary>
    /// Both locators of every transaction, distinct and in key order (locator, then profile), so that a block's
    /// rows append to the end of the index instead of splitting pages across it.
    /// </summary>
    public static CachedLocator[] SortedRows(IReadOnlyList<TransactionLocators> transactions)
    {
        var rows = new CachedLocator[transactions.Count * 2];
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            rows[2 * i] = new CachedLocator(tx.Rust, ClientProfile.Rust, tx.Txid);
            rows[(2 * i) + 1] = new CachedLocator(tx.Python, ClientProfile.Python, tx.Txid);
        }

        Array.Sort(rows, static (a, b) => a.Locator != b.Locator ? a.Locator.CompareTo(b.Locator) : a.Profile.CompareTo(b.Profile));
        // A repeated txid (never in a valid block) would repeat a key; the first row stands for both.
        return rows.DistinctBy(row => (row.Locator, row.Profile)).ToArray();
    }

    /// <summary>The txid back from a locator and its <see cref="Rest"/>.</summary>
    public static Txid TxidOf(Locator locator, ClientProfile profile, ReadOnlySpan<byte> rest)
    {
        Span<byte> txid = stackalloc byte[Txid.Size];
        if (profile == ClientProfile.Python)
        {
            rest.CopyTo(txid);
            locator.WriteTo(txid[Locator.Size..]);
            txid[Locator.Size..].Reverse();
        }
        else
        {
            locator.WriteTo(txid);
            rest.CopyTo(txid[Locator.Size..]);
        }

        return Txid.FromInternal(txid);
    }
}
