using Teos.Grains.Storage;

namespace Teos.Storage.Sqlite;

/// <summary>The tower keys (spec 6.2); writes go through the single writer, so the first key is chosen once.</summary>
internal sealed class SqliteTowerKeys(SqliteAccess access) : ITowerKeys
{
    public Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken) =>
        access.WriteAsync(
            connection =>
            {
                var key = connection.Command("SELECT key FROM keys ORDER BY id DESC LIMIT 1").ExecuteScalar() as string;
                if (key is null)
                    Add(connection, candidateHex);
                return key ?? candidateHex;
            },
            cancellationToken);

    public Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken) =>
        access.WriteAsync(connection => Add(connection, secretKeyHex), cancellationToken);

    private static void Add(StoreConnection connection, string secretKeyHex)
    {
        var command = connection.Command("INSERT INTO keys (key) VALUES ($key)");
        command.Parameters.AddWithValue("$key", secretKeyHex);
        command.ExecuteNonQuery();
    }
}
