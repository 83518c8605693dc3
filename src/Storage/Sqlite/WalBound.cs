using Microsoft.Extensions.Logging;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Keeps the WAL file within a bound proportional to the data: SQLite checkpoints once the WAL holds a quarter of
/// the database's pages, at least <see cref="MinPages"/> and at most <see cref="MaxPages"/>, and cuts the file
/// back to that size when it starts over (journal_size_limit). Readers can keep automatic (passive) checkpoints
/// from finishing; when the file reaches twice the bound anyway, the writer runs a blocking one that empties it.
/// So the WAL stays below twice max(4 MiB, a quarter of the database), never above 80 MiB, plus one batch, unless
/// a reader keeps one snapshot for longer than the busy timeout (5 s; teosd's reads take milliseconds).
/// </summary>
/// <remarks>A large WAL saves checkpoint work (a page changed many times is written once); a small database cannot spare the room.</remarks>
internal sealed class WalBound(StoreConnection connection, string databasePath, ILogger logger)
{
    /// <summary>4 MiB of 4 KiB pages.</summary>
    public const long MinPages = 1_024;

    /// <summary>40 MiB of 4 KiB pages: checkpointing less often gained no more ingestion speed (docs/PERFORMANCE.md).</summary>
    public const long MaxPages = 10_000;

    /// <summary>Commits between two looks at the database's size.</summary>
    private const int ReviewEvery = 64;

    private readonly string _walPath = databasePath + "-wal";
    private long _limitBytes;
    private long _retryAbove;
    private int _commits;

    /// <summary>WAL pages after which SQLite checkpoints, for a database of <paramref name="databasePages"/> pages.</summary>
    public static long CheckpointPages(long databasePages) => Math.Clamp(databasePages / 4, MinPages, MaxPages);

    /// <summary>Sets the checkpoint threshold and the size limit for the database's current size.</summary>
    public void Apply()
    {
        var pageSize = Scalar("PRAGMA page_size");
        var pages = CheckpointPages(Scalar("PRAGMA page_count"));
        if (pages * pageSize == _limitBytes)
            return;
        _limitBytes = pages * pageSize;
        connection.Execute($"PRAGMA wal_autocheckpoint = {pages}");
        connection.Execute($"PRAGMA journal_size_limit = {_limitBytes}");
    }

    /// <summary>Called by the writer after each commit, on its thread; never throws (the commit stands either way).</summary>
    public void AfterCommit()
    {
        long walBytes = 0;
        try
        {
            if (++_commits % ReviewEvery == 0)
                Apply();
            walBytes = WalBytes();
            if (walBytes <= Math.Max(2 * _limitBytes, _retryAbove))
                return;

            // Waits (busy_timeout) for readers of older snapshots, copies every frame into the database and empties
            // the WAL. A reader that outlasts the wait leaves it busy: try again once the WAL grew by another bound.
            using var reader = connection.Command("PRAGMA wal_checkpoint(TRUNCATE)").ExecuteReader();
            var busy = reader.Read() && reader.GetInt64(0) != 0;
            _retryAbove = busy ? walBytes + _limitBytes : 0;
        }
        catch (Exception exception)
        {
            // The database file could not grow (disk full): the WAL keeps the data; try again after more growth.
            _retryAbove = walBytes + _limitBytes;
            if (StorageFaults.IsFault(exception))
                SqliteStoreLog.CheckpointFailed(logger, exception.Message);
            else
                SqliteStoreLog.WalBoundFailed(logger, exception);
        }
    }

    private long WalBytes()
    {
        try
        {
            return new FileInfo(_walPath).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private long Scalar(string sql) => (long)connection.Command(sql).ExecuteScalar()!;
}
