using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Teos.Grains.Tests.Cluster;

/// <summary>
/// What the silos logged (the tower's own categories from Information, Orleans' from Warning), for tests that look
/// for an event; with TEOS_TEST_LOG=1 in the environment it is also written to the console.
/// </summary>
public sealed class LogLines : ILoggerProvider
{
    private static readonly bool Echo = Environment.GetEnvironmentVariable("TEOS_TEST_LOG") == "1";
    private readonly ConcurrentQueue<string> _lines = new();

    public int Count(string fragment) => _lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        if (Echo)
            Console.WriteLine(line);
    }

    private sealed class Logger(LogLines lines, string category) : ILogger
    {
        private readonly LogLevel _minimum = category.StartsWith("Teos", StringComparison.Ordinal) ? LogLevel.Information : LogLevel.Warning;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            lines.Add(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }
    }
}
