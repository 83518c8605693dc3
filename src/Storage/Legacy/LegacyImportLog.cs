using Microsoft.Extensions.Logging;

namespace Teos.Storage.Legacy;

internal static partial class LegacyImportLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Information,
        Message = "Imported the previous teosd's state into grains: {Trackers} trackers ({Existing} already there), {Tips} tip at height {TipHeight}")]
    public static partial void Imported(ILogger logger, int trackers, int existing, int tips, uint? tipHeight);
}
