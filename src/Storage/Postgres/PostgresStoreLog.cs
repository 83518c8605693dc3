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

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Block-feed lease acquired on {Database}")]
    public static partial void LeaseAcquired(ILogger logger, string? database);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Block-feed lease lost: its connection failed ({Reason})")]
    public static partial void LeaseLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "Block-feed lease released")]
    public static partial void LeaseReleased(ILogger logger);
}
