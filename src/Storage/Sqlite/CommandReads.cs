using Microsoft.Data.Sqlite;

namespace Teos.Storage.Sqlite;

internal static class CommandReads
{
    /// <summary>Every row of the command's result, each read by <paramref name="row"/>.</summary>
    public static List<T> ReadAll<T>(this SqliteCommand command, Func<SqliteDataReader, T> row)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }
}
