using Microsoft.Extensions.Logging;

namespace Teos.Storage.Move;

internal static partial class TowerMoveLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Copied {Rows} rows into {Table}")]
    public static partial void Copied(ILogger logger, long rows, string table);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Moved {Source} into PostgreSQL database {Database}: {Result}")]
    public static partial void Moved(ILogger logger, string source, string database, TowerMoveResult result);
}
