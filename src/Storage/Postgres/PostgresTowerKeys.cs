using Teos.Grains.Storage;

namespace Teos.Storage.Postgres;

/// <summary>The tower keys (spec 6.2). Silos starting together on an empty database agree on one key: an advisory lock.</summary>
internal sealed class PostgresTowerKeys(PostgresAccess access) : ITowerKeys
{
    public async Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken)
    {
        await using var connection = await access.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.Command("SELECT pg_advisory_xact_lock($1)", AdvisoryLocks.TowerKey).RunAsync(cancellationToken).ConfigureAwait(false);
        var key = await connection.Command("SELECT key FROM keys ORDER BY id DESC LIMIT 1")
            .SingleOrDefaultAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        if (key is null)
            await connection.Command("INSERT INTO keys (key) VALUES ($1)", candidateHex).RunAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return key ?? candidateHex;
    }

    public Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken) =>
        access.WriteAsync(() => [Commands.BatchCommand("INSERT INTO keys (key) VALUES ($1)", secretKeyHex)], cancellationToken);
}
