using System.Globalization;
using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Load;

/// <summary>`ingest --silos`: the ingest load on several silos sharing one PostgreSQL database.</summary>
public static partial class IngestRun
{
    /// <summary>
    /// `--silos 1,2`: one silo and two silos on the same PostgreSQL server alternately (1, 2, 1, 2 ...), each on a
    /// fresh database; both rates and their ratio. All silos, PostgreSQL and the generator share this machine's cores.
    /// </summary>
    private static async Task<int> CompareSilosAsync(
        IngestLoad load, int blobSize, string? root, BackendFactory backends, int[] silos, int rounds)
    {
        var results = silos.Distinct().ToDictionary(n => n, _ => new List<IngestFigures>());
        var name = "";
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var count in results.Keys)
            {
                Console.WriteLine($"== round {round}/{rounds}: {count} silo(s)");
                var backend = await backends.FreshAsync();
                name = backend.Name;
                var figures = await MeasureAsync(load, blobSize, root, backend, TeosdBuild.Default, count);
                await backends.DropAsync(backend);
                results[count].Add(figures);
                Console.WriteLine(F($"ingest {name} silos {count} (round {round}): {figures.PerSecond:F0} appointments/s, teosd {figures.TeosdMicros:F0} us CPU per appointment (all silos), postgres server {figures.PostgresMicros:F0} us"));
            }
        }

        var means = results.ToDictionary(r => r.Key, r => r.Value.Average(f => f.PerSecond));
        var first = results.Keys.First();
        var failed = results.Values.Any(runs => runs.Any(r => r.Failed));
        Console.WriteLine(F($"ingest {name} {string.Join(", ", means.Select(m => F($"silos {m.Key}: {m.Value:F0}/s")))}, ratio {string.Join(", ", means.Keys.Skip(1).Select(n => F($"{means[n] / means[first]:F2}")))} (means of {rounds} alternating run(s) each; {Environment.ProcessorCount} cores shared by silos, PostgreSQL and the generator){(failed ? " FAILED" : "")}"));
        return failed ? 1 : 0;
    }

    private static int[] Silos(string text)
    {
        var counts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8
                ? n
                : throw new ArgumentException($"--silos: '{part}' is not a silo count from 1 to 8"))
            .ToArray();
        return counts.Length > 0 ? counts : throw new ArgumentException("--silos: give a count (2) or counts to alternate (1,2)");
    }
}
