using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;
using Teos.Storage.LocatorCache;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The locator cache (spec 4.3) as rows, so it survives restarts and any add_appointment reads it. A cached block
/// is one run of rows keyed by its height (migration 0002): the cache holds one block per height, like the chain.
/// </summary>
internal static class LocatorCacheTable
{
    public static void AddBlock(StoreConnection connection, Txid blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        var hash = blockHash.InternalBytes.ToArray();
        // Another block at this height (one that left the chain without being disconnected here, e.g. a forced
        // restart point) is replaced; the same block added again gets its rows rewritten.
        var replaced = connection.Command(
            """
            DELETE FROM recent_blocks WHERE height = $height AND block_hash <> $hash;
            DELETE FROM recent_locators WHERE height = $height;
            INSERT INTO recent_blocks (block_hash, height) VALUES ($hash, $height)
            ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height
            """);
        replaced.Parameters.AddWithValue("$hash", hash);
        replaced.Parameters.AddWithValue("$height", (long)height);
        replaced.ExecuteNonQuery();
        if (transactions.Count == 0)
            return;

        // Rows go in key order, so they append to the B-tree's last pages (which fill completely) rather than
        // split pages across the table. One statement: the columns travel as packed blobs, row i at slice i.
        // Blobs, not text: substr of text counts characters from the start, which made this insert quadratic.
        var rows = CachedLocator.SortedRows(transactions);
        var insert = connection.Command(
            $"""
            WITH {PackedKeys.Positions("at", "$count")}
            INSERT OR REPLACE INTO recent_locators (height, locator, profile, rest)
            SELECT $height, substr($locators, i * 16 + 1, 16), CAST(CAST(substr($profiles, i + 1, 1) AS TEXT) AS INTEGER), substr($rests, i * 16 + 1, 16)
            FROM at
            """);
        insert.Parameters.AddWithValue("$height", (long)height);
        insert.Parameters.AddWithValue("$count", rows.Length);
        insert.Parameters.AddWithValue("$locators", PackedKeys.Pack(rows, rows.Length, Locator.Size, static (row, span) => row.Locator.WriteTo(span)));
        insert.Parameters.AddWithValue("$profiles", ProfileDigits(rows));
        insert.Parameters.AddWithValue("$rests", PackedKeys.Pack(rows, rows.Length, CachedLocator.RestSize, static (row, span) => row.Rest(span)));
        insert.ExecuteNonQuery();
    }

    public static void RemoveBlock(StoreConnection connection, Txid blockHash)
    {
        var command = connection.Command(
            """
            DELETE FROM recent_locators WHERE height = (SELECT height FROM recent_blocks WHERE block_hash = $hash);
            DELETE FROM recent_blocks WHERE block_hash = $hash
            """);
        command.Parameters.AddWithValue("$hash", blockHash.InternalBytes.ToArray());
        command.ExecuteNonQuery();
    }

    public static void RemoveBelow(StoreConnection connection, uint height)
    {
        // A range at the start of the table: the oldest block's pages are freed whole.
        var command = connection.Command(
            """
            DELETE FROM recent_locators WHERE height < $height;
            DELETE FROM recent_blocks WHERE height < $height
            """);
        command.Parameters.AddWithValue("$height", (long)height);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest cached transaction with this locator under the given profile's byte order.</summary>
    public static RecentBreach? Find(StoreConnection connection, Locator locator, ClientProfile profile)
    {
        // Newest block first, one primary-key seek per cached block (CROSS JOIN keeps that loop order).
        var command = connection.Command(
            """
            SELECT l.rest, b.block_hash, b.height
            FROM recent_blocks b CROSS JOIN recent_locators l
                ON l.height = b.height AND l.locator = $locator AND l.profile = $profile
            ORDER BY b.height DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("$locator", locator.ToArray());
        command.Parameters.AddWithValue("$profile", (int)profile);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new RecentBreach(CachedLocator.TxidOf(locator, profile, Columns.Bytes(reader, 0)), Columns.Txid(reader, 1), Columns.UInt32(reader, 2))
            : null;
    }

    private static byte[] ProfileDigits(CachedLocator[] rows) =>
        rows.Select(row => (byte)('0' + (int)row.Profile)).ToArray();
}
