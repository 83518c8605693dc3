using System.Globalization;

namespace Teos.LoadGen.Load;

/// <summary>What one load phase got back: accepted count, failures by status, latencies (accepted requests only).</summary>
public sealed class LoadResult(int sent, int accepted, IReadOnlyDictionary<string, int> failures, double[] latenciesMs, TimeSpan elapsed)
{
    public int Sent { get; } = sent;

    public int Accepted { get; } = accepted;

    public IReadOnlyDictionary<string, int> Failures { get; } = failures;

    public TimeSpan Elapsed { get; } = elapsed;

    public double PerSecond => Accepted / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (latenciesMs.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * latenciesMs.Length) - 1;
        return latenciesMs[Math.Clamp(rank, 0, latenciesMs.Length - 1)];
    }

    public double Max => latenciesMs.Length == 0 ? double.NaN : latenciesMs[^1];

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Accepted}/{Sent} accepted in {Elapsed.TotalSeconds:F2} s = {PerSecond:F0}/s; latency ms p50 {Percentile(50):F1} p90 {Percentile(90):F1} p99 {Percentile(99):F1} max {Max:F1}")
        + (Failures.Count == 0 ? "" : "; failures " + string.Join(", ", Failures.Select(f => $"{f.Key}: {f.Value}")));
}
