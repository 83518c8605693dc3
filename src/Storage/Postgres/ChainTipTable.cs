using Npgsql;
using Teos.Grains.Store;

namespace Teos.Storage.Postgres;

internal static class ChainTipTable
{
    public static Task<ChainTip?> GetAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.Command("SELECT block_hash, height FROM chain_tip WHERE id = 0")
            .SingleOrDefaultAsync(reader => new ChainTip(Columns.Txid(reader, 0), Columns.UInt32(reader, 1)), cancellationToken);

    public static Task SetAsync(NpgsqlConnection connection, ChainTip tip, CancellationToken cancellationToken) =>
        connection.Command(
            """
            INSERT INTO chain_tip (id, block_hash, height) VALUES (0, $1, $2)
            ON CONFLICT (id) DO UPDATE SET block_hash = excluded.block_hash, height = excluded.height
            """,
            tip.BlockHash.InternalBytes.ToArray(),
            (long)tip.Height).RunAsync(cancellationToken);
}
