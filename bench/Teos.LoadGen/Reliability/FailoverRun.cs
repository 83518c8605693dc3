using System.Diagnostics;
using System.Globalization;
using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Reliability;

/// <summary>
/// `failover`: two teosd silos on one PostgreSQL database; each round finds the silo the block feed grain runs on,
/// kills it (kill -9) or hangs it (SIGSTOP), mines a block and measures the seconds from the failure until a
/// survivor logged processing that block. Then a replacement silo joins, so every round starts with two.
/// </summary>
public static class FailoverRun
{
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Options options, Backend backend)
    {
        var rounds = options.Int("rounds", 5);
        var mode = options.Str("mode", "both");
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();
        if (!backend.IsPostgres)
            throw new ArgumentException("failover: the silos share one database; --backend postgres");
        string[] modes = mode switch
        {
            "kill" or "hang" => [mode],
            "both" => ["kill", "hang"],
            _ => throw new ArgumentException($"--mode: unknown mode '{mode}' (kill, hang, both)"),
        };

        using var dir = new TempDir(root, "teos-failover");
        await using var sim = await Simulator.StartAsync(warmUp: true);
        var cluster = new Cluster(dir.Path, sim, backend);
        try
        {
            // One after the other: the second joins the cluster the first formed.
            await cluster.StartSiloAsync();
            await cluster.StartSiloAsync();
            var failed = 0;
            foreach (var failure in modes)
            {
                var seconds = new List<double>();
                for (var round = 1; round <= rounds; round++)
                {
                    if (await RoundAsync(cluster, sim, failure, round) is { } elapsed)
                        seconds.Add(elapsed);
                    else
                        failed++;
                }

                Console.WriteLine(Summary(failure, seconds, rounds));
            }

            return failed == 0 ? 0 : 1;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>One failure of the feed's silo; the seconds until a survivor processed the next block, or null.</summary>
    private static async Task<double?> RoundAsync(Cluster cluster, Simulator sim, string failure, int round)
    {
        var feed = cluster.FeedSilo();
        var height = await sim.HeightAsync() + 1;
        var since = Stopwatch.StartNew();
        if (failure == "kill")
            await feed.KillHardAsync();
        else
            await feed.Process.FreezeAsync();
        await sim.MineSyntheticAsync(1);
        var survivor = await cluster.WaitForBlockAsync(height, except: feed, RoundLimit - since.Elapsed);
        var elapsed = since.Elapsed.TotalSeconds;

        if (failure == "hang")
        {
            await feed.Process.ResumeAsync();
            try
            {
                // The resumed silo learns it was declared dead and stops itself.
                await feed.Process.WaitForExitAsync(RoundLimit);
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"failover hang round {round}: the resumed silo did not stop within {RoundLimit.TotalSeconds:F0} s; killed");
            }
        }

        await cluster.RemoveAsync(feed);
        await cluster.StartSiloAsync();
        if (survivor is null)
        {
            Console.WriteLine($"failover {failure} round {round}: FAILED, no survivor processed block {height} within {RoundLimit.TotalSeconds:F0} s");
            return null;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover {failure} round {round}: block {height} processed by a survivor {elapsed:F2} s after the {(failure == "kill" ? "kill -9" : "SIGSTOP")}"));
        return elapsed;
    }

    private static string Summary(string failure, List<double> seconds, int rounds)
    {
        if (seconds.Count == 0)
            return $"failover {failure}: no round succeeded over {rounds}";
        seconds.Sort();
        var middle = seconds.Count / 2;
        var median = seconds.Count % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
        var failed = rounds - seconds.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"failover {failure}: median {median:F2} s, max {seconds[^1]:F2} s over {seconds.Count}{(failed > 0 ? $" ({failed} rounds failed)" : "")}");
    }

    /// <summary>The live silos on the shared database, each with its own data dir and ports.</summary>
    private sealed class Cluster(string root, Simulator sim, Backend backend) : IAsyncDisposable
    {
        private readonly List<Teosd> _silos = [];

        public async Task StartSiloAsync()
        {
            var dataDir = Path.Combine(root, $"silo-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dataDir);
            _silos.Add(await Teosd.StartAsync(dataDir, sim, LoopbackPort.Free(), backend, TimeSpan.FromMinutes(2), gateway: true));
        }

        /// <summary>The live silo the block feed grain runs on: the one that logged the feed's latest activation.</summary>
        public Teosd FeedSilo() =>
            _silos.Where(silo => !silo.Process.HasExited)
                .Select(silo => (Silo: silo, At: silo.Process.LinesFrom(0)
                    .Where(line => line.Contains("Block feed active on ", StringComparison.Ordinal))
                    .Select(line => line[..19]).DefaultIfEmpty(string.Empty).Max()!))
                .Where(candidate => candidate.At.Length > 0)
                .OrderByDescending(candidate => candidate.At, StringComparer.Ordinal)
                .Select(candidate => candidate.Silo)
                .FirstOrDefault() ?? throw new InvalidOperationException("no live silo logged the block feed's activation");

        /// <summary>Polls (10 ms) until a silo other than <paramref name="except"/> logged the block; null on timeout.</summary>
        public async Task<Teosd?> WaitForBlockAsync(int height, Teosd except, TimeSpan timeout)
        {
            var pattern = $@"Block {height} [0-9a-f]{{64}}: ";
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout)
            {
                if (_silos.FirstOrDefault(silo => silo != except && silo.Process.CountLines(pattern) > 0) is { } processed)
                    return processed;
                await Task.Delay(10);
            }

            return null;
        }

        public async Task RemoveAsync(Teosd silo)
        {
            _silos.Remove(silo);
            await silo.DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var silo in _silos)
                await silo.DisposeAsync();
        }
    }
}
