using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Teos.Bench;

/// <summary>Adds an Op/s column (the figure DESIGN.md 5 compares against) and allocation counts.</summary>
public sealed class OperationsPerSecondConfig : ManualConfig
{
    public OperationsPerSecondConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
