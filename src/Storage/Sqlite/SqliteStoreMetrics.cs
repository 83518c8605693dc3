using System.Diagnostics.Metrics;

namespace Teos.Storage.Sqlite;

/// <summary>Group commit figures: how many durable commits, and how many writes each one carried.</summary>
internal static class SqliteStoreMetrics
{
    public const string MeterName = "Teos.Storage.Sqlite";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Commits = Meter.CreateCounter<long>("teos.store.commits", description: "Durable commits of the SQLite writer");

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("teos.store.batch_size", unit: "{write}", description: "Writes per commit");
}
