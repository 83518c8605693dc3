using NBitcoin;
using Teos.Grains.Store;

namespace Teos.Storage.Sqlite;

internal static class ChainTipTable
{
    public static ChainTip? Get(StoreConnection connection)
    {
        using var reader = connection.Command("SELECT block_hash, height FROM chain_tip WHERE id = 0").ExecuteReader();
        return reader.Read() ? new ChainTip(Columns.Txid(reader, 0), Columns.UInt32(reader, 1)) : null;
    }

    public static void Set(StoreConnection connection, ChainTip tip)
    {
        var command = connection.Command(
            """
            INSERT INTO chain_tip (id, block_hash, height) VALUES (0, $hash, $height)
            ON CONFLICT (id) DO UPDATE SET block_hash = excluded.block_hash, height = excluded.height
            """);
        command.Parameters.AddWithValue("$hash", tip.BlockHash.ToBytes());
        command.Parameters.AddWithValue("$height", (long)tip.Height);
        command.ExecuteNonQuery();
    }

    public static void Advance(StoreConnection connection, uint256 expected, ChainTip next)
    {
        var command = connection.Command(
            "UPDATE chain_tip SET block_hash = $hash, height = $height WHERE id = 0 AND block_hash = $expected");
        command.Parameters.AddWithValue("$hash", next.BlockHash.ToBytes());
        command.Parameters.AddWithValue("$height", (long)next.Height);
        command.Parameters.AddWithValue("$expected", expected.ToBytes());
        if (command.ExecuteNonQuery() == 0)
            throw new TipMovedException(expected, Get(connection));
    }
}
