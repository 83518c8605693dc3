using NBitcoin;
using Teos.Grains.Storage;

namespace Teos.Storage.Postgres;

/// <summary>The processed blocks' txids, one row per block (migration 0005's recent_blocks), written through the lanes.</summary>
internal sealed class PostgresRecentBlocks(PostgresAccess access) : IRecentBlocks
{
    public Task AddAsync(uint256 blockHash, uint height, IReadOnlyList<uint256> txids, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var hash = blockHash.ToBytes();
        var packed = PackedHashes.Pack(txids);
        // Another block at this height left the chain without being removed here: it is replaced. The same block
        // added again is rewritten. Then only the newest `keep` heights stay.
        return access.WriteAsync(
            () =>
            [
                Commands.BatchCommand("DELETE FROM recent_blocks WHERE height = $1 AND block_hash <> $2", (long)height, hash),
                Commands.BatchCommand(
                    """
                    INSERT INTO recent_blocks (block_hash, height, txids) VALUES ($1, $2, $3)
                    ON CONFLICT (block_hash) DO UPDATE SET height = excluded.height, txids = excluded.txids
                    """,
                    hash,
                    (long)height,
                    packed),
                Commands.BatchCommand("DELETE FROM recent_blocks WHERE height <= (SELECT max(height) FROM recent_blocks) - $1", (long)keep),
            ],
            cancellationToken);
    }

    public Task RemoveAsync(uint256 blockHash, CancellationToken cancellationToken) =>
        access.WriteAsync(() => [Commands.BatchCommand("DELETE FROM recent_blocks WHERE block_hash = $1", blockHash.ToBytes())], cancellationToken);

    public Task<IReadOnlyList<RecentBlock>> GetNewestAsync(int count, CancellationToken cancellationToken) =>
        access.ReadListAsync(
            "SELECT block_hash, height, txids FROM recent_blocks ORDER BY height DESC LIMIT $1",
            reader => new RecentBlock(Columns.Hash(reader, 0), Columns.UInt32(reader, 1), PackedHashes.Unpack(Columns.Bytes(reader, 2))),
            cancellationToken,
            (long)count);
}
