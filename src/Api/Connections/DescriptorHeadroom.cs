using Microsoft.Extensions.Logging;

namespace Teos.Api.Connections;

/// <summary>
/// How many connections the free descriptors allow: the limit, less what the process holds besides its connections
/// (loaded assemblies take about two each, then database files, pipes, sockets to bitcoind: some 260 for teosd once
/// started, more as code loads), less a margin for connections accepted but not yet closed. A share of the limit
/// alone is not enough at small limits: at 1,024, 75 % for connections plus teosd's own descriptors is more than
/// 1,024. Recounted at most once a second.
/// </summary>
public sealed partial class DescriptorHeadroom
{
    private static readonly TimeSpan RecountInterval = TimeSpan.FromSeconds(1);

    private readonly long _limit;
    private readonly Func<long?> _inUse;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _countedAt; // 0: never
    private int _allowed = int.MaxValue;
    private long _logged; // 0: not yet

    /// <param name="inUse">Descriptors open now (<see cref="DescriptorLimit.InUse"/>); null when unknown.</param>
    public DescriptorHeadroom(long limit, Func<long?> inUse, ILogger logger, TimeProvider? time = null)
    {
        _limit = limit;
        _inUse = inUse;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Descriptors kept free beyond the connections: a tenth of the limit, at least 64.</summary>
    public static long Margin(long limit) => Math.Max(64, limit / 10);

    /// <summary>Connections the descriptors allow in all, <paramref name="openConnections"/> of them open now.</summary>
    public int ConnectionsAllowed(int openConnections)
    {
        var last = Interlocked.Read(ref _countedAt);
        if ((last == 0 || _time.GetElapsedTime(last) >= RecountInterval)
            && Interlocked.CompareExchange(ref _countedAt, _time.GetTimestamp(), last) == last)
        {
            Recount(openConnections);
        }

        return Volatile.Read(ref _allowed);
    }

    private void Recount(int openConnections)
    {
        if (_inUse() is not { } inUse)
            return;
        var others = Math.Max(0, inUse - openConnections);
        var allowed = (int)Math.Clamp(_limit - others - Margin(_limit), 1, int.MaxValue);
        Volatile.Write(ref _allowed, allowed);
        // The first count, then changes of a tenth or more.
        if (_logged == 0 || Math.Abs(allowed - _logged) * 10 >= Math.Min(allowed, _logged))
        {
            _logged = allowed;
            LogHeadroom(_logger, allowed, others, _limit);
        }
    }

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information,
        Message = "Descriptors allow {Allowed} connections: {Others} held besides connections, of a limit of {Limit}, and a margin kept free")]
    private static partial void LogHeadroom(ILogger logger, int allowed, long others, long limit);
}
