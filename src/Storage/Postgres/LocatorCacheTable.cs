using Npgsql;
using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Storage.Postgres;

/// <summary>The locator cache (spec 4.3) as rows, so it survives restarts and any silo's add_appointment reads it.</summary>
internal static class LocatorCacheTable
{
    /// <summary>The block row and all its transactions: two statements for the caller's batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> AddBlock(Txid blockHash, uint height, IReadOnlyList<TransactionLocators> transactions)
    {
        var hash = blockHash.InternalBytes.ToArray();
        yield return Commands.BatchCommand(
            """
            INSERT INTO recent_blocks (block_hash, height) VALUES ($1, $2)
            ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height
            """,
            hash,
            (long)height);
        if (transactions.Count == 0)
            yield break;
        // A txid's locators follow from it, so a row already there (the same block added again) is already right.
        yield return Commands.BatchCommand(
            """
            INSERT INTO recent_transactions (block_hash, txid, rust_locator, python_locator)
            SELECT $1, v.txid, v.rust, v.python FROM unnest($2::bytea[], $3::bytea[], $4::bytea[]) AS v(txid, rust, python)
            ON CONFLICT (block_hash, txid) DO NOTHING
            """,
            hash,
            transactions.Select(tx => tx.Txid.InternalBytes.ToArray()).ToArray(),
            transactions.Select(tx => tx.Rust.ToArray()).ToArray(),
            transactions.Select(tx => tx.Python.ToArray()).ToArray());
    }

    public static Task RemoveBlockAsync(NpgsqlConnection connection, Txid blockHash, CancellationToken cancellationToken) =>
        connection.Command("DELETE FROM recent_blocks WHERE block_hash = $1", blockHash.InternalBytes.ToArray()).RunAsync(cancellationToken);

    public static Task RemoveBelowAsync(NpgsqlConnection connection, uint height, CancellationToken cancellationToken) =>
        connection.Command("DELETE FROM recent_blocks WHERE height < $1", (long)height).RunAsync(cancellationToken);

    /// <summary>The newest cached transaction with this locator under the given profile's byte order.</summary>
    public static Task<RecentBreach?> FindAsync(NpgsqlConnection connection, Locator locator, ClientProfile profile, CancellationToken cancellationToken)
    {
        var column = profile == ClientProfile.Python ? "python_locator" : "rust_locator";
        return connection.Command(
                $"""
                SELECT r.txid, r.block_hash, b.height
                FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash
                WHERE r.{column} = $1
                ORDER BY b.height DESC LIMIT 1
                """,
                locator.ToArray())
            .SingleOrDefaultAsync(reader => new RecentBreach(Columns.Txid(reader, 0), Columns.Txid(reader, 1), Columns.UInt32(reader, 2)), cancellationToken);
    }
}
