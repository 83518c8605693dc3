using NBitcoin;
using Npgsql;
using Teos.Grains.Locators;
using Teos.Storage.LocatorCache;

namespace Teos.Storage.Postgres;

/// <summary>
/// The locator cache (spec 4.3) as rows, so it survives restarts and every silo reads the same one: one row per
/// cached block, its txids packed in one bytea (migration 0005). Lookups go through <see cref="RecentBlockMemory"/>,
/// which reads the rows listed here.
/// </summary>
internal static class LocatorCacheTable
{
    private const string ListSql = "SELECT block_hash, height FROM recent_blocks ORDER BY height DESC";

    /// <summary>The block's row: statements for the caller's batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> AddBlock(uint256 blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        var hash = blockHash.ToBytes();
        // Another block at this height (one that left the chain without being disconnected here, e.g. a forced
        // restart point) is replaced; the same block added again is rewritten.
        yield return Commands.BatchCommand("DELETE FROM recent_blocks WHERE height = $1 AND block_hash <> $2", (long)height, hash);
        yield return Commands.BatchCommand(
            """
            INSERT INTO recent_blocks (block_hash, height, txids) VALUES ($1, $2, $3)
            ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height, txids = excluded.txids
            """,
            hash,
            (long)height,
            CachedBlock.Pack(transactions));
    }

    public static NpgsqlBatchCommand RemoveBlock(uint256 blockHash) =>
        Commands.BatchCommand("DELETE FROM recent_blocks WHERE block_hash = $1", blockHash.ToBytes());

    public static NpgsqlBatchCommand RemoveBelow(uint height) =>
        Commands.BatchCommand("DELETE FROM recent_blocks WHERE height < $1", (long)height);

    /// <summary>The list as a statement of a caller's batch; <see cref="ReadListAsync"/> reads its rows.</summary>
    public static NpgsqlBatchCommand List() => Commands.BatchCommand(ListSql);

    /// <summary>The cached blocks, newest first.</summary>
    public static async Task<IReadOnlyList<RecentBlock>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.Command(ListSql).ListAsync(Read, cancellationToken).ConfigureAwait(false);

    public static async Task<IReadOnlyList<RecentBlock>> ReadListAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var blocks = new List<RecentBlock>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            blocks.Add(Read(reader));
        return blocks;
    }

    /// <summary>A cached block's packed txids; null when it is not cached.</summary>
    public static Task<byte[]?> TxidsAsync(NpgsqlConnection connection, uint256 blockHash, CancellationToken cancellationToken) =>
        connection.Command("SELECT txids FROM recent_blocks WHERE block_hash = $1", blockHash.ToBytes())
            .SingleOrDefaultAsync(reader => Columns.Bytes(reader, 0), cancellationToken);

    private static RecentBlock Read(NpgsqlDataReader reader) => new(Columns.Txid(reader, 0), Columns.UInt32(reader, 1));
}
