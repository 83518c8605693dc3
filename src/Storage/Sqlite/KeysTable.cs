namespace Teos.Storage.Sqlite;

internal static class KeysTable
{
    public static string? GetNewest(StoreConnection connection) =>
        connection.Command("SELECT key FROM keys ORDER BY id DESC LIMIT 1").ExecuteScalar() as string;

    public static void Add(StoreConnection connection, string secretKeyHex)
    {
        var command = connection.Command("INSERT INTO keys (key) VALUES ($key)");
        command.Parameters.AddWithValue("$key", secretKeyHex);
        command.ExecuteNonQuery();
    }
}
