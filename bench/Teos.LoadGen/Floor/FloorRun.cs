using System.Globalization;
using Teos.LoadGen.Load;
using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Floor;

/// <summary>
/// `floor`: the ingest load (same pre-signed requests, connections and crypto limit) against <see cref="FloorServer"/>
/// instead of teosd, so the ratio a tower on this stack could reach at best, with the load generator on the same
/// cores, is measured rather than estimated. With <c>--durable 1</c> the server makes every request durable in an
/// append-only log (group commit, one sync per group) before it answers: what durability costs without a database.
/// Last line: `floor[ durable]: &lt;N&gt; requests/s, crypto limit &lt;M&gt;/s, ratio &lt;R&gt;; server &lt;S&gt; pairs of CPU
/// per request`.
/// </summary>
public static class FloorRun
{
    public static async Task<int> RunAsync(Options options)
    {
        var (users, perUser, warmupPerUser, connections, cryptoSeconds) = IngestLoad.From(options);
        var crypto = options.Int("crypto", 1);
        var durable = options.Int("durable", 0) != 0;
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();

        using var dir = new TempDir(root, "teos-floor");
        var port = LoopbackPort.Free();
        List<string> serverArgs = ["floor-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--crypto", crypto.ToString(CultureInfo.InvariantCulture)];
        if (durable)
            serverArgs.AddRange(["--log", Path.Combine(dir.Path, "appointments.log")]);
        await using var server = ChildProcess.Start("Teos.LoadGen.dll", serverArgs, "floor", environment: Teosd.Environment);
        await server.WaitForLineAsync(FloorServer.ReadyLine, TimeSpan.FromMinutes(1));
        Console.WriteLine($"floor server pid {server.Id} ready (crypto {(crypto != 0 ? "on" : "off")}, {(durable ? "durable append log" : "nothing stored")}); {users} users, {perUser} requests each, {connections} connections");

        var signed = Requests.PreSign(BenchUser.DeriveMany($"floor-{Guid.NewGuid():N}", users), warmupPerUser + perUser, 300, port, seed: 1);
        var warm = await LoadSender.RunAsync(signed.Take(users * warmupPerUser).Select(s => s.Request).ToList(), port, connections);
        Console.WriteLine($"warm-up: {warm.Describe()}");

        var measured = signed.Skip(users * warmupPerUser).Select(s => s.Request).ToList();
        var limitBefore = CryptoLimit.Measure(TimeSpan.FromSeconds(cryptoSeconds));
        var serverBefore = ProcessCpu.Read(server.Id);
        var selfBefore = ProcessCpu.Read(Environment.ProcessId);
        var run = await LoadSender.RunAsync(measured, port, connections);
        var serverCpu = PerRequest(ProcessCpu.Read(server.Id) - serverBefore, run);
        var selfCpu = PerRequest(ProcessCpu.Read(Environment.ProcessId) - selfBefore, run);
        var limitAfter = CryptoLimit.Measure(TimeSpan.FromSeconds(cryptoSeconds));

        var limit = (limitBefore.PerSecond + limitAfter.PerSecond) / 2;
        var pairCpu = (limitBefore.CpuMicrosPerPair + limitAfter.CpuMicrosPerPair) / 2;
        Console.WriteLine($"measured: {run.Describe()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu per request: floor server {serverCpu:F0} us, load generator {selfCpu:F0} us; crypto pair {pairCpu:F0} us (before {limitBefore.PerSecond:F0}/s, after {limitAfter.PerSecond:F0}/s)"));
        if (durable)
            await ReportLogAsync(server);
        var failed = run.Accepted != measured.Count;
        if (failed)
            Console.WriteLine($"FAILED: {measured.Count - run.Accepted} requests not answered 200");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor{(durable ? " durable" : "")}: {run.PerSecond:F0} requests/s, crypto limit {limit:F0}/s, ratio {run.PerSecond / limit:F2}; server {serverCpu / pairCpu:F2} pairs of CPU per request"));
        return failed ? 1 : 0;
    }

    /// <summary>Stops the server cleanly, so that it prints its log's record and sync counts.</summary>
    private static async Task ReportLogAsync(ChildProcess server)
    {
        await server.TerminateAsync(TimeSpan.FromMinutes(1));
        var counts = await server.WaitForLineAsync(FloorServer.LogLine, TimeSpan.FromSeconds(10));
        var records = long.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture);
        var syncs = long.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"append log: {records} records in {syncs} syncs, {(double)records / Math.Max(1, syncs):F1} per sync"));
    }

    private static double PerRequest(TimeSpan cpu, LoadResult run) => cpu.TotalMilliseconds * 1000 / Math.Max(1, run.Accepted);
}
