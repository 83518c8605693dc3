using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Sqlite;

/// <summary>The locator cache (spec 4.3) as rows, so it survives restarts and any silo's add_appointment reads it.</summary>
internal static class LocatorCacheTable
{
    public static void AddBlock(StoreConnection connection, Txid blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        var hash = blockHash.InternalBytes.ToArray();
        var block = connection.Command(
            """
            INSERT INTO recent_blocks (block_hash, height) VALUES ($hash, $height)
            ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height
            """);
        block.Parameters.AddWithValue("$hash", hash);
        block.Parameters.AddWithValue("$height", (long)height);
        block.ExecuteNonQuery();
        if (transactions.Count == 0)
            return;

        // One statement for the whole block: the three columns travel as packed blobs, row i at slice i.
        var count = transactions.Count;
        var rows = connection.Command(
            """
            WITH RECURSIVE at(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM at WHERE i + 1 < $count)
            INSERT OR REPLACE INTO recent_transactions (block_hash, txid, rust_locator, python_locator)
            SELECT $hash, substr($txids, i * 32 + 1, 32), substr($rust, i * 16 + 1, 16), substr($python, i * 16 + 1, 16)
            FROM at
            """);
        rows.Parameters.AddWithValue("$hash", hash);
        rows.Parameters.AddWithValue("$count", count);
        rows.Parameters.AddWithValue("$txids", PackedKeys.Pack(transactions, count, Txid.Size, static (tx, span) => tx.Txid.InternalBytes.CopyTo(span)));
        rows.Parameters.AddWithValue("$rust", PackedKeys.Pack(transactions, count, Locator.Size, static (tx, span) => tx.Rust.WriteTo(span)));
        rows.Parameters.AddWithValue("$python", PackedKeys.Pack(transactions, count, Locator.Size, static (tx, span) => tx.Python.WriteTo(span)));
        rows.ExecuteNonQuery();
    }

    public static void RemoveBlock(StoreConnection connection, Txid blockHash)
    {
        var command = connection.Command("DELETE FROM recent_blocks WHERE block_hash = $hash");
        command.Parameters.AddWithValue("$hash", blockHash.InternalBytes.ToArray());
        command.ExecuteNonQuery();
    }

    public static void RemoveBelow(StoreConnection connection, uint height)
    {
        var command = connection.Command("DELETE FROM recent_blocks WHERE height < $height");
        command.Parameters.AddWithValue("$height", (long)height);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest cached transaction with this locator under the given profile's byte order.</summary>
    public static RecentBreach? Find(StoreConnection connection, Locator locator, ClientProfile profile)
    {
        var column = profile == ClientProfile.Python ? "python_locator" : "rust_locator";
        var command = connection.Command(
            $"""
            SELECT r.txid, r.block_hash, b.height
            FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash
            WHERE r.{column} = $locator
            ORDER BY b.height DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("$locator", locator.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new RecentBreach(Columns.Txid(reader, 0), Columns.Txid(reader, 1), Columns.UInt32(reader, 2))
            : null;
    }
}
