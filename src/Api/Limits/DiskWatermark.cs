using Microsoft.Extensions.Logging;

namespace Teos.Api.Limits;

/// <summary>
/// The disk watermark: below it, register and add_appointment answer 503 (they add data) while reads go on, so a
/// full disk neither fails writes half-way nor takes the tower down. It is the smaller of a size and a share of
/// the volume that holds the store, so it suits small and large volumes alike. Free space is measured at most once
/// a second.
/// </summary>
public sealed partial class DiskWatermark
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly string _directory;
    private readonly long _minFreeBytes;
    private readonly double _minFreeShare;
    private readonly Func<string, DiskSpace> _measure;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile Reading? _last;

    /// <param name="measure">Free and total bytes of the volume holding a directory; the real disk when null.</param>
    public DiskWatermark(
        string directory, long minFreeBytes, double minFreePercent, ILogger logger, TimeProvider? time = null, Func<string, DiskSpace>? measure = null)
    {
        _directory = directory;
        _minFreeBytes = minFreeBytes;
        _minFreeShare = minFreePercent / 100;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _measure = measure ?? DiskSpace.Of;
    }

    /// <summary>No watermark (the store is not on this machine's disk: PostgreSQL).</summary>
    public static DiskWatermark None { get; } = new(string.Empty, 0, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Whether free space is below the watermark now (as of the last second).</summary>
    public bool IsReached
    {
        get
        {
            if (_minFreeBytes <= 0 || _minFreeShare <= 0)
                return false;
            if (_last is { } last && _time.GetElapsedTime(last.At) < MaxAge)
                return last.Reached;

            DiskSpace space;
            try
            {
                space = _measure(_directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // Unmeasurable is not full: the store's own answer to a full disk (503) still stands behind this.
                return false;
            }

            var watermark = Math.Min(_minFreeBytes, (long)(space.TotalBytes * _minFreeShare));
            var reached = space.FreeBytes < watermark;
            if (reached != (_last?.Reached ?? false))
                LogCrossed(reached ? "below" : "back above", space.FreeBytes >> 20, watermark >> 20, _directory);
            _last = new Reading(reached, _time.GetTimestamp());
            return reached;
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning,
        Message = "Free disk {Direction} the watermark: {FreeMib} MiB free, watermark {WatermarkMib} MiB ({Directory}); register and add_appointment answer 503 while below")]
    private partial void LogCrossed(string direction, long freeMib, long watermarkMib, string directory);

    private sealed record Reading(bool Reached, long At);
}
