using NBitcoin;
using Teos.Grains.Storage;

namespace Teos.Storage.Sqlite;

/// <summary>The processed blocks' txids, one row per block (migration 0004's recent_blocks).</summary>
internal sealed class SqliteRecentBlocks(SqliteAccess access) : IRecentBlocks
{
    public Task AddAsync(uint256 blockHash, uint height, IReadOnlyList<uint256> txids, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var packed = PackedHashes.Pack(txids);
        return access.WriteAsync(
            connection =>
            {
                // Another block at this height left the chain without being removed here: it is replaced. The same
                // block added again is rewritten. Then only the newest `keep` heights stay.
                var command = connection.Command(
                    """
                    DELETE FROM recent_blocks WHERE height = $height AND block_hash <> $hash;
                    INSERT OR REPLACE INTO recent_blocks (block_hash, height, txids) VALUES ($hash, $height, $txids);
                    DELETE FROM recent_blocks WHERE height <= (SELECT max(height) FROM recent_blocks) - $keep
                    """);
                command.Parameters.AddWithValue("$hash", blockHash.ToBytes());
                command.Parameters.AddWithValue("$height", (long)height);
                command.Parameters.AddWithValue("$txids", packed);
                command.Parameters.AddWithValue("$keep", keep);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task RemoveAsync(uint256 blockHash, CancellationToken cancellationToken) =>
        access.WriteAsync(
            connection =>
            {
                var command = connection.Command("DELETE FROM recent_blocks WHERE block_hash = $hash");
                command.Parameters.AddWithValue("$hash", blockHash.ToBytes());
                command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<IReadOnlyList<RecentBlock>> GetNewestAsync(int count, CancellationToken cancellationToken) =>
        access.ReadAsync<IReadOnlyList<RecentBlock>>(
            connection =>
            {
                var command = connection.Command("SELECT block_hash, height, txids FROM recent_blocks ORDER BY height DESC LIMIT $count");
                command.Parameters.AddWithValue("$count", count);
                return command.ReadAll(reader => new RecentBlock(Columns.Hash(reader, 0), Columns.UInt32(reader, 1), PackedHashes.Unpack(Columns.Bytes(reader, 2))));
            },
            cancellationToken);
}
