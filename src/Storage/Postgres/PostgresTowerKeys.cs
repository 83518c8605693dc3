using Teos.Grains.Storage;

namespace Teos.Storage.Postgres;

/// <summary>The tower keys (spec 6.2). Silos starting together on an empty database agree on one key: an advisory lock.</summary>
internal sealed class PostgresTowerKeys(PostgresAccess access) : ITowerKeys
{
    public Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken) =>
        access.ReadAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
                await connection.Command("SELECT pg_advisory_xact_lock($1)", AdvisoryLocks.TowerKey).RunAsync(token).ConfigureAwait(false);
                var key = await connection.Command("SELECT key FROM keys ORDER BY id DESC LIMIT 1")
                    .SingleOrDefaultAsync(reader => reader.GetString(0), token).ConfigureAwait(false);
                if (key is null)
                    await connection.Command("INSERT INTO keys (key) VALUES ($1)", candidateHex).RunAsync(token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return key ?? candidateHex;
            },
            cancellationToken);

    public Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken) =>
        access.WriteAsync(() => [Commands.BatchCommand("INSERT INTO keys (key) VALUES ($1)", secretKeyHex)], cancellationToken);
}
