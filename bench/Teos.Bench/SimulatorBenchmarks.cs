using BenchmarkDotNet.Attributes;
using Teos.BitcoindSim.Chain;

namespace Teos.Bench;

/// <summary>
/// The bitcoind simulator must mine 4,000-transaction blocks fast enough for the block-processing benchmarks
/// (issue 3): one synthetic block, serialized as getblock would return it.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private RegtestChain _chain = null!;

    [IterationSetup]
    public void Setup() => _chain = new RegtestChain();

    [Benchmark]
    public int MineBlockOf4000Transactions() => _chain.FindBlock(_chain.MineSynthetic(4_000))!.RawHex.Length;
}
