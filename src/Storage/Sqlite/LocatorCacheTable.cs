using NBitcoin;
using Teos.Grains.Locators;
using Teos.Storage.LocatorCache;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The locator cache (spec 4.3) as rows, so it survives restarts: one row per cached block, its txids packed in
/// one blob (migration 0004). Lookups go through <see cref="RecentBlockMemory"/>, which reads the rows listed here.
/// </summary>
internal static class LocatorCacheTable
{
    public static void AddBlock(StoreConnection connection, uint256 blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        // Another block at this height (one that left the chain without being disconnected here, e.g. a forced
        // restart point) is replaced; the same block added again is rewritten.
        var command = connection.Command(
            """
            DELETE FROM recent_blocks WHERE height = $height AND block_hash <> $hash;
            INSERT OR REPLACE INTO recent_blocks (block_hash, height, txids) VALUES ($hash, $height, $txids)
            """);
        command.Parameters.AddWithValue("$hash", blockHash.ToBytes());
        command.Parameters.AddWithValue("$height", (long)height);
        command.Parameters.AddWithValue("$txids", CachedBlock.Pack(transactions));
        command.ExecuteNonQuery();
    }

    public static void RemoveBlock(StoreConnection connection, uint256 blockHash)
    {
        var command = connection.Command("DELETE FROM recent_blocks WHERE block_hash = $hash");
        command.Parameters.AddWithValue("$hash", blockHash.ToBytes());
        command.ExecuteNonQuery();
    }

    public static void RemoveBelow(StoreConnection connection, uint height)
    {
        var command = connection.Command("DELETE FROM recent_blocks WHERE height < $height");
        command.Parameters.AddWithValue("$height", (long)height);
        command.ExecuteNonQuery();
    }

    /// <summary>The cached blocks, newest first.</summary>
    public static IReadOnlyList<RecentBlock> List(StoreConnection connection)
    {
        var command = connection.Command("SELECT block_hash, height FROM recent_blocks ORDER BY height DESC");
        using var reader = command.ExecuteReader();
        var blocks = new List<RecentBlock>();
        while (reader.Read())
            blocks.Add(new RecentBlock(Columns.Txid(reader, 0), Columns.UInt32(reader, 1)));
        return blocks;
    }

    /// <summary>A cached block's packed txids; null when it is not cached.</summary>
    public static byte[]? Txids(StoreConnection connection, uint256 blockHash)
    {
        var command = connection.Command("SELECT txids FROM recent_blocks WHERE block_hash = $hash");
        command.Parameters.AddWithValue("$hash", blockHash.ToBytes());
        using var reader = command.ExecuteReader();
        return reader.Read() ? Columns.Bytes(reader, 0) : null;
    }
}
