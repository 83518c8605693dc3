using Microsoft.Extensions.Logging;

namespace Teos.Storage.Postgres;

internal static partial class PostgresStoreLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Opened PostgreSQL store {Database} on {Host} at schema version {SchemaVersion}")]
    public static partial void Opened(ILogger logger, string? database, string? host, int schemaVersion);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) to {Database}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string? database);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "A store write hit {SqlState} (attempt {Attempt}); running it again")]
    public static partial void Retrying(ILogger logger, string sqlState, int attempt);




    [LoggerMessage(EventId = 3206, Level = LogLevel.Debug, Message = "A store write failed and was refused alone; the rest of its batch runs again")]
    public static partial void ItemFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Error, Message = "A batch of {Count} store writes failed; all of them were refused")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Debug, Message = "A batch of {Count} store writes was rolled back; its writes run again one by one")]
    public static partial void BatchRunAlone(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Debug, Message = "Closing a writer lane's connection failed")]
    public static partial void WriterConnectionCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information, Message = "Locator indexes read into shared buffers: {Pages} pages in {ElapsedMs:F0} ms")]
    public static partial void LocatorIndexesWarmed(ILogger logger, long pages, double elapsedMs);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Locator indexes not read into shared buffers ({Reason}); blocks will warm them")]
    public static partial void LocatorIndexesNotWarmed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Debug, Message = "Storage fault: a batch of {Count} store writes was refused (each caller reports it): {Reason}")]
    public static partial void BatchRefused(ILogger logger, int count, string reason);
}
