using Microsoft.Extensions.Logging;

namespace Teos.Storage.Sqlite;

internal static partial class SqliteStoreLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Opened SQLite store {Path} at schema version {SchemaVersion}")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) to {Path}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "A store write failed and was rolled back alone")]
    public static partial void ItemFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Commit of a batch of {Count} writes failed; all of them were refused")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Storage fault: a batch of {Count} writes was refused (each caller reports it): {Reason}")]
    public static partial void BatchRefused(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Storage fault: checkpointing the WAL failed; trying again once it grew further: {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "Keeping the WAL within its bound failed; trying again once it grew further")]
    public static partial void WalBoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Critical, Message = "Syncing the WAL failed; {Count} committed writes were refused because they may not be on disk")]
    public static partial void SyncFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Critical, Message = "Storage fault: syncing the WAL failed; {Count} committed writes were refused because they may not be on disk: {Reason}")]
    public static partial void SyncRefused(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Closed SQLite store {Path} after {Commits} commits")]
    public static partial void Closed(ILogger logger, string path, long commits);
}
