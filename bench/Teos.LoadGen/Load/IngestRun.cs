using System.Globalization;
using System.Text.RegularExpressions;
using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Load;

/// <summary>
/// `ingest`: simulator + teosd, users registered, add_appointment requests pre-signed, then sent from many
/// connections; then the crypto limit on the same machine. Last line:
/// `ingest &lt;backend&gt;: &lt;N&gt; appointments/s, crypto limit &lt;M&gt;/s, ratio &lt;R&gt;`.
/// </summary>
public static partial class IngestRun
{
    [GeneratedRegex(@"Closed SQLite store .* after (\d+) commits")]
    private static partial Regex ClosedStore { get; }

    public static async Task<int> RunAsync(Options options, BackendFactory backends)
    {
        var load = IngestLoad.From(options);
        var blobSize = options.Int("blob", 300);
        var root = options.StrOrNull("workdir");
        var compare = options.StrOrNull("compare");
        var rounds = options.Int("rounds", 2);
        var silos = Silos(options.Str("silos", "1"));
        options.EnsureAllUsed();
        if (silos.Any(n => n > 1) && !backends.IsPostgres)
            throw new ArgumentException("ingest --silos: several silos share one database; --backend postgres");
        if (silos.Length > 1)
        {
            if (compare is not null)
                throw new ArgumentException("ingest: --compare and a list of --silos do not combine");
            return await CompareSilosAsync(load, blobSize, root, backends, silos, rounds);
        }

        if (compare is null)
        {
            var backend = await backends.FreshAsync();
            var figures = await MeasureAsync(load, blobSize, root, backend, TeosdBuild.Default, silos[0]);
            var label = silos[0] > 1 ? F($"{backend.Name} silos {silos[0]}") : backend.Name;
            Console.WriteLine(F($"ingest {label}: {figures.PerSecond:F0} appointments/s, crypto limit {figures.Limit:F0}/s, ratio {figures.Ratio:F2}"));
            return figures.Failed ? 1 : 0;
        }

        if (silos[0] > 1)
            throw new ArgumentException("ingest: --compare runs one silo per build");

        return await CompareAsync(load, blobSize, root, backends, TeosdBuild.Prebuilt(compare), rounds);
    }

    /// <summary>
    /// `--compare &lt;teosd.dll&gt;`: that build and this tree's, alternately (old, new, old, new ...), each on a
    /// fresh store; both figures and their ratio, so that the host's drift within the run falls on both.
    /// </summary>
    private static async Task<int> CompareAsync(
        IngestLoad load, int blobSize, string? root, BackendFactory backends, TeosdBuild old, int rounds)
    {
        var builds = new[] { (Label: "old", Build: old), (Label: "new", Build: TeosdBuild.Default) };
        // Both published (and probed) before any measurement, so no publish runs beside a measured phase.
        foreach (var (_, build) in builds)
            await build.HostsSiloAsync();
        var results = builds.ToDictionary(b => b.Label, _ => new List<IngestFigures>());
        var name = "";
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (label, build) in builds)
            {
                Console.WriteLine($"== round {round}/{rounds}: {label} teosd ({build.Name})");
                var backend = await backends.FreshAsync();
                name = backend.Name;
                var figures = await MeasureAsync(load, blobSize, root, backend, build, silos: 1);
                await backends.DropAsync(backend);
                results[label].Add(figures);
                Console.WriteLine(F($"ingest {name} {label} (round {round}): {figures.PerSecond:F0} appointments/s, crypto limit {figures.Limit:F0}/s, ratio {figures.Ratio:F2}"));
            }
        }

        foreach (var (label, build) in builds)
        {
            var runs = results[label];
            Console.WriteLine(F($"{label} ({build.Name}): ratios {string.Join(", ", runs.Select(r => r.Ratio.ToString("F2", CultureInfo.InvariantCulture)))}; teosd {runs.Average(r => r.TeosdMicros):F0} us CPU per appointment (mean){(runs[0].PostgresMicros > 0 ? F($", postgres server {runs.Average(r => r.PostgresMicros):F0} us") : "")}; {runs.Average(r => r.PairMicros):F0} us per crypto pair"));
        }

        double Mean(string label) => results[label].Average(r => r.Ratio);
        var failed = results.Values.Any(runs => runs.Any(r => r.Failed));
        Console.WriteLine(F($"ingest {name} compare: new {Mean("new"):F2}, old {Mean("old"):F2} (means of {rounds} alternating runs each), new/old {Mean("new") / Mean("old"):F2}; teosd CPU per appointment new {results["new"].Average(r => r.TeosdMicros):F0} us vs old {results["old"].Average(r => r.TeosdMicros):F0} us{(failed ? " FAILED" : "")}"));
        return failed ? 1 : 0;
    }

    private static async Task<IngestFigures> MeasureAsync(
        IngestLoad load, int blobSize, string? root, Backend backend, TeosdBuild build, int silos)
    {
        using var dir = new TempDir(root, "teos-ingest");
        await using var sim = await Simulator.StartAsync(warmUp: true);
        var towers = new List<Teosd>();
        try
        {
            return await MeasureOnAsync(load, blobSize, dir.Path, backend, build, silos, sim, towers);
        }
        finally
        {
            foreach (var tower in towers)
                await tower.DisposeAsync();
        }
    }

    private static async Task<IngestFigures> MeasureOnAsync(
        IngestLoad load, int blobSize, string root, Backend backend, TeosdBuild build, int silos, Simulator sim, List<Teosd> towers)
    {
        var (users, perUser, warmupPerUser, connections, cryptoSeconds) = load;
        // One after the other, each with its own data dir: the second joins the cluster the first formed.
        for (var i = 0; i < silos; i++)
        {
            var dataDir = silos == 1 ? root : Path.Combine(root, F($"silo-{i}"));
            Directory.CreateDirectory(dataDir);
            towers.Add(await Teosd.StartAsync(dataDir, sim, LoopbackPort.Free(), backend, build: build, gateway: silos > 1));
        }

        var teosd = towers[0];
        var port = teosd.ApiPort;
        var ports = towers.Select(t => t.ApiPort).ToArray();
        Console.WriteLine($"teosd pid(s) {string.Join(", ", towers.Select(t => t.Process.Id))} ({backend.Name}, {silos} silo(s)) ready; {users} users, {perUser} appointments each, {connections} connections round-robin over {ports.Length} API port(s), {blobSize}-byte blobs");

        var bench = BenchUser.DeriveMany($"ingest-{Guid.NewGuid():N}", users);
        await Registration.RegisterAllAsync(bench, port);
        var signed = Requests.PreSign(bench, warmupPerUser + perUser, blobSize, port, seed: 1);
        var warmup = signed.Take(users * warmupPerUser).Select(s => s.Request).ToList();
        var measured = signed.Skip(users * warmupPerUser).Select(s => s.Request).ToList();

        var warm = await LoadSender.RunAsync(warmup, ports, connections);
        Console.WriteLine($"warm-up: {warm.Describe()}");

        // The machine is shared: the limit is measured just before and just after the load, and the mean is used.
        var limitBefore = CryptoLimit.Measure(TimeSpan.FromSeconds(cryptoSeconds));
        TimeSpan SilosCpu() => towers.Aggregate(TimeSpan.Zero, (sum, t) => sum + ProcessCpu.Read(t.Process.Id));
        var cpuBefore = SilosCpu();
        var self = ProcessCpu.Read(Environment.ProcessId);
        var postgresBefore = backend.IsPostgres ? ProcessCpu.ReadAll("postgres") : TimeSpan.Zero;
        var run = await LoadSender.RunAsync(measured, ports, connections);
        var cpuTeosd = SilosCpu() - cpuBefore;
        var cpuSelf = ProcessCpu.Read(Environment.ProcessId) - self;
        var cpuPostgres = backend.IsPostgres ? ProcessCpu.ReadAll("postgres") - postgresBefore : TimeSpan.Zero;
        Console.WriteLine($"measured: {run.Describe()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu during measured phase: teosd {cpuTeosd.TotalSeconds:F1} s ({cpuTeosd.TotalSeconds / run.Elapsed.TotalSeconds * 100:F0}% of one core), load generator {cpuSelf.TotalSeconds:F1} s ({cpuSelf.TotalSeconds / run.Elapsed.TotalSeconds * 100:F0}%), wall {run.Elapsed.TotalSeconds:F1} s, {Environment.ProcessorCount} cores"));
        Console.WriteLine($"teosd VmRSS {string.Join(" + ", towers.Select(t => t.Process.ResidentKib() / 1024))} MiB");
        if (backend.IsPostgres)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"postgres server cpu during measured phase: {cpuPostgres.TotalSeconds:F1} s ({cpuPostgres.TotalSeconds / run.Elapsed.TotalSeconds * 100:F0}% of one core), {cpuPostgres.TotalMilliseconds * 1000 / Math.Max(1, run.Accepted):F0} us per appointment (ended backends not counted)"));
        }
        if (!backend.IsPostgres)
        {
            // After a clean stop the WAL is checkpointed into the file and removed, so only the database counts.
            await teosd.TerminateAsync();
            ReportSqliteFile(root, users * (warmupPerUser + perUser), blobSize);
            ReportSqliteBatches(teosd, users * (1 + warmupPerUser + perUser));
        }

        var limitAfter = CryptoLimit.Measure(TimeSpan.FromSeconds(cryptoSeconds));
        var limit = (limitBefore.PerSecond + limitAfter.PerSecond) / 2;
        var pairCpu = (limitBefore.CpuMicrosPerPair + limitAfter.CpuMicrosPerPair) / 2;
        var teosdCpu = cpuTeosd.TotalMilliseconds * 1000 / Math.Max(1, run.Accepted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crypto limit (libsecp256k1, {Environment.ProcessorCount} threads, {cryptoSeconds} s each): before {limitBefore.PerSecond:F0}/s, after {limitAfter.PerSecond:F0}/s; {pairCpu:F0} us CPU per pair"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu-normalized (independent of other load on the machine): teosd {teosdCpu:F0} us CPU per appointment vs {pairCpu:F0} us per crypto pair = {pairCpu / teosdCpu:F2} of the limit if teosd had every core"));
        var failed = run.Accepted != measured.Count;
        if (failed)
            Console.WriteLine($"FAILED: {measured.Count - run.Accepted} requests not accepted");
        var postgresMicros = cpuPostgres.TotalMilliseconds * 1000 / Math.Max(1, run.Accepted);
        return new IngestFigures(run.PerSecond, limit, teosdCpu, postgresMicros, pairCpu, failed);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One measured phase: its rate against the crypto limit, and the CPU each appointment cost.</summary>
    private sealed record IngestFigures(
        double PerSecond, double Limit, double TeosdMicros, double PostgresMicros, double PairMicros, bool Failed)
    {
        public double Ratio => PerSecond / Limit;
    }

    /// <summary>
    /// The group commit's mean batch over the whole run (registrations, warm-up and measured phase), from the
    /// commit count teosd logs when its store closes: per-batch costs (the commit, its shared pages, the sync and
    /// the hand-offs) are spread over this many writes.
    /// </summary>
    private static void ReportSqliteBatches(Teosd teosd, long writes)
    {
        var closed = teosd.Process.LinesFrom(0).Select(line => ClosedStore.Match(line)).FirstOrDefault(match => match.Success);
        if (closed is null)
            return;
        var commits = long.Parse(closed.Groups[1].Value, CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sqlite writer: {commits} commits for {writes} writes over the whole run, {(double)writes / Math.Max(1, commits):F1} per commit"));
    }

    private static void ReportSqliteFile(string dataDir, long rows, int blobSize)
    {
        var db = Path.Combine(dataDir, "regtest", "teos_db.sql3");
        var bytes = new FileInfo(db).Length + (File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0);
        // Every field at its binary size: locator, blob, the signature's 65 bytes, to_self_delay.
        var payload = 16 + blobSize + 65 + 4;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sqlite file after ingest and a clean stop (grown through the API): {bytes / 1024 / 1024} MiB incl. any WAL, {(double)bytes / rows:F0} bytes/appointment ({(double)bytes / rows / payload:F2} x payload {payload})"));
    }
}
