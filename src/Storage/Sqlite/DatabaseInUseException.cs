namespace Teos.Storage.Sqlite;

/// <summary>Another teosd holds the database's lock file: SQLite serves one silo.</summary>
public sealed class DatabaseInUseException(string databasePath, string lockPath, Exception inner)
    : IOException(
        $"database {databasePath} is in use by another teosd (lock file {lockPath}); SQLite serves one silo — use --dbconnect with PostgreSQL to run several",
        inner)
{
    public string DatabasePath { get; } = databasePath;

    public string LockPath { get; } = lockPath;
}
