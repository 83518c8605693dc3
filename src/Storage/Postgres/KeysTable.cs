using Npgsql;

namespace Teos.Storage.Postgres;

internal static class KeysTable
{
    public static async Task<string?> GetNewestAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT key FROM keys ORDER BY id DESC LIMIT 1");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public static Task AddAsync(NpgsqlConnection connection, string secretKeyHex, CancellationToken cancellationToken) =>
        connection.Command("INSERT INTO keys (key) VALUES ($1)", secretKeyHex).RunAsync(cancellationToken);
}
