using BenchmarkDotNet.Running;

namespace Teos.Bench;

/// <summary>Every benchmark class in this assembly is selectable: `dotnet run -c Release --project bench/Teos.Bench -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
