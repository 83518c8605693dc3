using Npgsql;
using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;
using Teos.Storage.LocatorCache;

namespace Teos.Storage.Postgres;

/// <summary>
/// The locator cache (spec 4.3) as rows, so it survives restarts and any silo's add_appointment reads it. A cached
/// block is one run of rows keyed by its height (migration 0003): the cache holds one block per height, like the
/// chain.
/// </summary>
internal static class LocatorCacheTable
{
    /// <summary>The block row and all its locators: statements for the caller's batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> AddBlock(Txid blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        var hash = blockHash.InternalBytes.ToArray();
        // Another block at this height (one that left the chain without being disconnected here, e.g. a forced
        // restart point) is replaced; the same block added again gets its rows rewritten.
        yield return Commands.BatchCommand("DELETE FROM recent_blocks WHERE height = $1 AND block_hash <> $2", (long)height, hash);
        yield return Commands.BatchCommand("DELETE FROM recent_locators WHERE height = $1", (long)height);
        yield return Commands.BatchCommand(
            """
            INSERT INTO recent_blocks (block_hash, height) VALUES ($1, $2)
            ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height
            """,
            hash,
            (long)height);
        if (transactions.Count == 0)
            yield break;
        // In key order, so the rows append to the index's last pages.
        var rows = CachedLocator.SortedRows(transactions);
        yield return Commands.BatchCommand(
            """
            INSERT INTO recent_locators (height, locator, profile, rest)
            SELECT $1, v.locator, v.profile, v.rest FROM unnest($2::bytea[], $3::smallint[], $4::bytea[]) AS v(locator, profile, rest)
            """,
            (long)height,
            rows.Select(row => row.Locator.ToArray()).ToArray(),
            rows.Select(row => (short)row.Profile).ToArray(),
            rows.Select(Rest).ToArray());
    }

    public static Task RemoveBlockAsync(NpgsqlConnection connection, Txid blockHash, CancellationToken cancellationToken) =>
        connection.Command(
                """
                WITH gone AS (DELETE FROM recent_blocks WHERE block_hash = $1 RETURNING height)
                DELETE FROM recent_locators WHERE height IN (SELECT height FROM gone)
                """,
                blockHash.InternalBytes.ToArray())
            .RunAsync(cancellationToken);

    /// <summary>
    /// A range at the start of the index: the oldest block's pages empty out whole. One statement for both tables (a
    /// data-modifying CTE runs whether or not the query reads it).
    /// </summary>
    public static Task RemoveBelowAsync(NpgsqlConnection connection, uint height, CancellationToken cancellationToken) =>
        connection.Command(
                """
                WITH gone AS (DELETE FROM recent_blocks WHERE height < $1)
                DELETE FROM recent_locators WHERE height < $1
                """,
                (long)height)
            .RunAsync(cancellationToken);

    /// <summary>The newest cached transaction with this locator under the given profile's byte order.</summary>
    public static Task<RecentBreach?> FindAsync(NpgsqlConnection connection, Locator locator, ClientProfile profile, CancellationToken cancellationToken) =>
        // One primary-key probe per cached block (a handful of rows), newest first.
        connection.Command(
                """
                SELECT l.rest, b.block_hash, b.height
                FROM recent_blocks b JOIN recent_locators l ON l.height = b.height AND l.locator = $1 AND l.profile = $2
                ORDER BY b.height DESC LIMIT 1
                """,
                locator.ToArray(),
                (short)profile)
            .SingleOrDefaultAsync(
                reader => new RecentBreach(CachedLocator.TxidOf(locator, profile, Columns.Bytes(reader, 0)), Columns.Txid(reader, 1), Columns.UInt32(reader, 2)),
                cancellationToken);

    private static byte[] Rest(CachedLocator row)
    {
        var rest = new byte[CachedLocator.RestSize];
        row.Rest(rest);
        return rest;
    }
}
