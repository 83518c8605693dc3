using NBitcoin;
using Npgsql;
using Teos.Grains.Store;

namespace Teos.Storage.Postgres;

internal static class ChainTipTable
{
    private const string Select = "SELECT block_hash, height FROM chain_tip WHERE id = 0";

    public static Task<ChainTip?> GetAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.Command(Select).SingleOrDefaultAsync(Read, cancellationToken);

    /// <summary>The read as a statement of a caller's batch; <see cref="ReadAsync"/> reads its row.</summary>
    public static NpgsqlBatchCommand Get() => Commands.BatchCommand(Select);

    public static async Task<ChainTip?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;

    public static Task SetAsync(NpgsqlConnection connection, ChainTip tip, CancellationToken cancellationToken) =>
        connection.Command(
            """
            INSERT INTO chain_tip (id, block_hash, height) VALUES (0, $1, $2)
            ON CONFLICT (id) DO UPDATE SET block_hash = excluded.block_hash, height = excluded.height
            """,
            tip.BlockHash.ToBytes(),
            (long)tip.Height).RunAsync(cancellationToken);

    private static ChainTip Read(NpgsqlDataReader reader) => new(Columns.Txid(reader, 0), Columns.UInt32(reader, 1));

    /// <summary>
    /// A concurrent advance by another silo makes this UPDATE wait for it and then re-check the condition on the
    /// new row, so exactly one of two racing leaders moves the tip.
    /// </summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, uint256 expected, ChainTip next, CancellationToken cancellationToken)
    {
        var updated = await connection.Command(
            "UPDATE chain_tip SET block_hash = $1, height = $2 WHERE id = 0 AND block_hash = $3",
            next.BlockHash.ToBytes(),
            (long)next.Height,
            expected.ToBytes()).RunAsync(cancellationToken).ConfigureAwait(false);
        if (updated == 0)
            throw new TipMovedException(expected, await GetAsync(connection, cancellationToken).ConfigureAwait(false));
    }
}
