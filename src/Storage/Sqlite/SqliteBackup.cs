using Microsoft.Data.Sqlite;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Consistent copies of a tower's SQLite database, also while teosd runs on it: <c>VACUUM INTO</c> writes one
/// read transaction's snapshot, so the copy never holds half a block or half an appointment.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Writes a snapshot of <paramref name="databasePath"/> to <paramref name="copyPath"/>, which must not exist.</summary>
    public static void Copy(string databasePath, string copyPath)
    {
        if (!File.Exists(databasePath))
            throw new FileNotFoundException($"no database at {databasePath}", databasePath);
        var source = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(source);
        connection.Open();
        using (var busy = connection.CreateCommand())
        {
            // The running tower's writer may hold the lock for a commit; wait for it like any reader would.
            busy.CommandText = "PRAGMA busy_timeout = 5000";
            busy.ExecuteNonQuery();
        }

        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $copy";
        vacuum.Parameters.AddWithValue("$copy", copyPath);
        vacuum.ExecuteNonQuery();
    }

    /// <summary>Whether a teosd holds the database (its lock file is taken).</summary>
    public static bool IsInUse(string databasePath)
    {
        try
        {
            using var held = DatabaseLock.Acquire(databasePath);
            return false;
        }
        catch (DatabaseInUseException)
        {
            return true;
        }
    }

    /// <summary>Runs <paramref name="work"/> while holding the database's lock, so no teosd starts on it meanwhile.</summary>
    /// <exception cref="DatabaseInUseException">A teosd runs on it.</exception>
    public static void WhileLocked(string databasePath, Action work)
    {
        using var held = DatabaseLock.Acquire(databasePath);
        work();
    }
}
