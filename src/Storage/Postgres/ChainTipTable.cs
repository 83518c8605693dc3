using Teos.Protocol.Bitcoin;
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

    /// <summary>
    /// A concurrent advance by another silo makes this UPDATE wait for it and then re-check the condition on the
    /// new row, so exactly one of two racing leaders moves the tip.
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, Txid expected, ChainTip next, CancellationToken cancellationToken)
    {
        var updated = await connection.Command(
            "UPDATE chain_tip SET block_hash = $1, height = $2 WHERE id = 0 AND block_hash = $3",
            next.BlockHash.InternalBytes.ToArray(),
            (long)next.Height,
            expected.InternalBytes.ToArray()).RunAsync(cancellationToken).ConfigureAwait(false);
        if (updated == 0)
            throw new TipMovedException(expected, await GetAsync(connection, cancellationToken).ConfigureAwait(false));
    }
}
