namespace Teos.Storage.Sqlite;

/// <summary>
/// An exclusive OS lock on <c>&lt;database&gt;.lock</c>, held for the store's life. SQLite's own locks would let a
/// second silo open the file and write beside the first, which breaks the single-writer and block-feed rules.
/// The OS drops the lock when the process dies, so a kill -9 never leaves a stale lock behind.
/// </summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseLock(FileStream file) => _file = file;

    public static DatabaseLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            return new DatabaseLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DatabaseInUseException(databasePath, lockPath, exception);
        }
    }

    public void Dispose() => _file.Dispose();
}
