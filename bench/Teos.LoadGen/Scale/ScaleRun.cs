using System.Globalization;
using System.Text.Json;
using NBitcoin;
using Teos.LoadGen.Data;
using Teos.LoadGen.Http;
using Teos.LoadGen.Load;
using Teos.LoadGen.Processes;
using Teos.Protocol.Appointments;

namespace Teos.LoadGen.Scale;

/// <summary>
/// `scale`: N appointments bulk-loaded into the store, then on that tower: restart-to-ready, get_appointment of
/// loaded rows, some live traffic, once the buckets are warm five plain 4,000-tx blocks and one with 10 breaches
/// (teosd's own per-block time), resident memory, bytes on disk per appointment. Prints one summary line per figure, then a last line.
/// </summary>
public static class ScaleRun
{
    private const int Breaches = 10;
    private const int BlockTransactions = 4000;

    public static async Task<int> RunAsync(Options options, BackendFactory backends)
    {
        var counts = options.StrOrNull("counts") is null ? [(long)options.Double("appointments", 1e6)] : options.Longs("counts", "");
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();
        var summaries = new List<string>();
        var failed = false;
        foreach (var count in counts)
        {
            var (summary, ok) = await RunOneAsync(count, root, backends);
            summaries.Add(summary);
            failed |= !ok;
        }

        foreach (var summary in summaries)
            Console.WriteLine(summary);
        return failed ? 1 : 0;
    }

    private static async Task<(string Summary, bool Ok)> RunOneAsync(long count, string? root, BackendFactory backends)
    {
        var problems = new List<string>();
        using var dir = new TempDir(root, $"teos-scale-{count}");
        await using var sim = await Simulator.StartAsync(warmUp: true);
        var backend = await backends.FreshAsync();
        var port = LoopbackPort.Free();
        // Every start of this tower on one silo port, as an operator restarts it.
        var siloPort = LoopbackPort.Free();
        Console.WriteLine($"== {backend.Name}, {count:N0} appointments, datadir {dir.Path}");

        // teosd makes its own schema, tower key and tip; the loader then fills the tables.
        var first = await Teosd.StartAsync(dir.Path, sim, port, backend, siloPort: siloPort);
        var towerId = first.TowerId;
        await first.TerminateAsync();
        await first.DisposeAsync();

        // Three sets of revoked channels: the first breach block after a start also compiles the breach path
        // (async state machines over the tower's own types are not in the ReadyToRun image), so it is reported
        // apart and the measured breach block is a later one; the third set breaches right after a restart.
        var dataset = Dataset.Create(count, 3 * Breaches);
        var measured = dataset.Breaches[..Breaches];
        var firstBreaches = dataset.Breaches[Breaches..(2 * Breaches)];
        var afterRestart = dataset.Breaches[(2 * Breaches)..];
        var store = StoreFiles.For(dir.Path, backend);
        // teosd followed the simulator's chain up to its tip before it stopped.
        var tip = (uint)await sim.HeightAsync();
        await store.LoadAsync(dataset, tip);
        var storeBytes = await store.SizeBytesAsync();

        await using var loaded = await Teosd.StartAsync(dir.Path, sim, port, backend, TimeSpan.FromMinutes(10), siloPort: siloPort);
        if (loaded.TowerId != towerId)
            problems.Add("tower id changed after loading");
        Console.WriteLine(F($"first start on loaded data (teosd pid {loaded.Process.Id}): /ping after {loaded.PingAfter.TotalSeconds:F2} s, Tower ready after {loaded.ReadyAfter.TotalSeconds:F2} s, VmRSS {loaded.Process.ResidentKib() / 1024} MiB"));
        await CheckLoadedAsync(dataset, port, problems);
        var rssIdle = loaded.Process.ResidentKib();

        await ServeSomeAsync(port, problems);
        var height = await sim.HeightAsync();
        await sim.MineSyntheticAsync(BlockTransactions - Breaches, firstBreaches.Select(b => b.Dispute).ToArray());
        var firstBreachBlock = await loaded.WaitForBlockAsync(++height, TimeSpan.FromMinutes(2));
        // The measured blocks are the steady state: every bucket holds its locators (before, cold buckets ask storage).
        await loaded.Process.WaitForLineAsync("locator buckets warm after", TimeSpan.FromMinutes(10));
        Console.WriteLine($"first start: {WarmLine(loaded)}");
        var plain = new List<double>();
        // teosd's CPU from mining to its block line: unlike wall time, other jobs on the machine do not inflate it.
        var cpu = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var before = ProcessCpu.Read(loaded.Process.Id);
            // The first plain block confirms the first breaches' penalties, as the next block would.
            Transaction[] penalties = i == 0 ? [.. firstBreaches.Select(b => b.Penalty)] : [];
            await sim.MineSyntheticAsync(BlockTransactions - penalties.Length, penalties);
            plain.Add((await loaded.WaitForBlockAsync(++height, TimeSpan.FromMinutes(2))).Milliseconds);
            cpu.Add((ProcessCpu.Read(loaded.Process.Id) - before).TotalMilliseconds);
        }

        var beforeBreaches = ProcessCpu.Read(loaded.Process.Id);
        await sim.MineSyntheticAsync(BlockTransactions - Breaches, measured.Select(b => b.Dispute).ToArray());
        var breachBlock = await loaded.WaitForBlockAsync(++height, TimeSpan.FromMinutes(2));
        cpu.Add((ProcessCpu.Read(loaded.Process.Id) - beforeBreaches).TotalMilliseconds);
        Console.WriteLine(F($"first breach block after start: {firstBreachBlock}"));
        Console.WriteLine(F($"plain 4,000-tx blocks: {string.Join(", ", plain.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))} ms; breach block: {breachBlock}"));
        Console.WriteLine(F($"teosd CPU per block (10 ms ticks, from mining to the block line; last is the breach block): {string.Join(", ", cpu.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))} ms"));
        foreach (var block in new[] { firstBreachBlock, breachBlock })
        {
            if (block.Transactions != BlockTransactions + 1 || block.Breaches != Breaches || block.NewTrackers != Breaches)
                problems.Add($"breach block: expected {Breaches} breaches and trackers in {BlockTransactions + 1} txs, got {block}");
        }

        await CheckBreachesAsync(dataset, measured, sim, port, problems);
        var rssBusy = loaded.Process.ResidentKib();
        Console.WriteLine(F($"VmRSS after loading: {rssIdle / 1024} MiB idle, {rssBusy / 1024} MiB after traffic and 7 blocks"));

        await loaded.TerminateAsync();
        await using var restarted = await Teosd.StartAsync(dir.Path, sim, port, backend, TimeSpan.FromMinutes(10), siloPort: siloPort);
        Console.WriteLine(F($"restart (after SIGTERM): /ping after {restarted.PingAfter.TotalSeconds:F2} s, Tower ready after {restarted.ReadyAfter.TotalSeconds:F2} s"));
        // Mined as soon as the tower says it is ready: on grains its buckets may still be warming in the background.
        await sim.MineSyntheticAsync(BlockTransactions - Breaches, afterRestart.Select(b => b.Dispute).ToArray());
        var restartBlock = await restarted.WaitForBlockAsync(++height, TimeSpan.FromMinutes(2));
        Console.WriteLine(F($"first block after restart (mined at Tower ready): {restartBlock}"));
        if (restartBlock.Breaches != Breaches || restartBlock.NewTrackers != Breaches)
            problems.Add($"block after restart: expected {Breaches} breaches and trackers, got {restartBlock}");
        await CheckBreachesAsync(dataset, afterRestart, sim, port, problems);
        Console.WriteLine($"restart: {WarmLine(restarted)}");
        await restarted.KillHardAsync();
        await using var recovered = await Teosd.StartAsync(dir.Path, sim, port, backend, TimeSpan.FromMinutes(10), siloPort: siloPort);
        Console.WriteLine(F($"restart (after kill -9): /ping after {recovered.PingAfter.TotalSeconds:F2} s, Tower ready after {recovered.ReadyAfter.TotalSeconds:F2} s"));
        await CheckLoadedAsync(dataset, port, problems);
        await recovered.TerminateAsync();

        // Every field at its binary size; the signature's 104 zbase32 characters are 65 bytes.
        var payload = Locator.Size + Dataset.BlobSize + 65 + 4;
        var perAppointment = (double)storeBytes / count;
        var name = F($"{backend.Name} {count:0e0}");
        Console.WriteLine(F($"blocks {name}: 4,000-tx block with {breachBlock.Breaches} breaches in {breachBlock.Milliseconds:F1} ms (plain blocks median {Median(plain):F1} ms; the first breach block after start {firstBreachBlock.Milliseconds:F1} ms)"));
        Console.WriteLine(F($"memory {name}: VmRSS {rssBusy / 1024} MiB"));
        Console.WriteLine(F($"restart {name}: /ping {restarted.PingAfter.TotalSeconds:F2} s, Tower ready {restarted.ReadyAfter.TotalSeconds:F2} s (after kill -9: {recovered.PingAfter.TotalSeconds:F2} s / {recovered.ReadyAfter.TotalSeconds:F2} s); first block after restart, 4,000 txs with {restartBlock.Breaches} breaches: {restartBlock.Milliseconds:F1} ms"));
        Console.WriteLine(F($"disk {name}: {perAppointment:F0} bytes/appointment = {perAppointment / payload:F2} x payload ({payload} B: locator 16 + blob {Dataset.BlobSize} + signature 65 + delay 4)"));
        foreach (var problem in problems)
            Console.WriteLine($"FAILED: {problem}");
        await backends.DropAsync(backend);
        return (F($"scale {name}: block {breachBlock.Milliseconds:F1} ms, VmRSS {rssBusy / 1024} MiB, restart ready {restarted.ReadyAfter.TotalSeconds:F2} s (ping {restarted.PingAfter.TotalSeconds:F2} s), {perAppointment:F0} B/appointment ({perAppointment / payload:F2} x){(problems.Count > 0 ? " FAILED" : "")}"), problems.Count == 0);
    }

    /// <summary>
    /// teosd's line saying how long its buckets took to load their locators after the start; blocks before it were
    /// matched by cold buckets, from storage.
    /// </summary>
    private static string WarmLine(Teosd teosd) =>
        teosd.Process.LinesFrom(0).Select(line => System.Text.RegularExpressions.Regex.Match(line, @"\d+ locator buckets warm after [0-9.]+ s"))
            .LastOrDefault(match => match.Success)?.Value ?? "buckets still warming";

    /// <summary>Loaded rows answer get_appointment as the tower's own; a loaded user's slots and locators add up.</summary>
    private static async Task CheckLoadedAsync(Dataset dataset, int port, List<string> problems)
    {
        var random = new Random(3);
        for (var i = 0; i < 20; i++)
        {
            var index = dataset.Breaches.Length + (long)(random.NextDouble() * (dataset.Count - dataset.Breaches.Length));
            var row = dataset.Row(index);
            var user = dataset.Users[row.UserIndex];
            var response = await Registration.SendOneAsync(Requests.GetAppointment(user, Locator.FromBytes(row.Locator), port), port);
            using var json = JsonDocument.Parse(response.Body);
            if (response.Status != 200 || json.RootElement.GetProperty("status").GetString() != "being_watched"
                || json.RootElement.GetProperty("appointment").GetProperty("encrypted_blob").GetString() != Convert.ToHexStringLower(row.Blob))
                problems.Add($"get_appointment of loaded row {index}: {response.Status} {response.Text[..Math.Min(200, response.Text.Length)]}");
        }

        var info = await Registration.SendOneAsync(Requests.GetSubscriptionInfo(dataset.Users[^1], port), port);
        using var infoJson = JsonDocument.Parse(info.Body);
        var expected = Dataset.Slots - (uint)dataset.CountOf(dataset.Users.Length - 1);
        if (info.Status != 200 || infoJson.RootElement.GetProperty("available_slots").GetUInt32() != expected
            || infoJson.RootElement.GetProperty("locators").GetArrayLength() != dataset.CountOf(dataset.Users.Length - 1))
            problems.Add($"get_subscription_info of a loaded user: {info.Status}, expected {expected} slots");
    }

    /// <summary>Some live traffic: 50 new users, 1,000 add_appointment, all accepted.</summary>
    private static async Task ServeSomeAsync(int port, List<string> problems)
    {
        var users = BenchUser.DeriveMany($"live-{Guid.NewGuid():N}", 50);
        await Registration.RegisterAllAsync(users, port);
        var signed = Requests.PreSign(users, 20, Dataset.BlobSize, port, seed: 11);
        var result = await LoadSender.RunAsync(signed.Select(s => s.Request).ToList(), port, 16);
        Console.WriteLine($"live traffic on the loaded tower: {result.Describe()}");
        if (result.Accepted != signed.Length)
            problems.Add($"live add_appointment: {result.Describe()}");
    }

    private static async Task CheckBreachesAsync(Dataset dataset, BreachChannel[] breaches, Simulator sim, int port, List<string> problems)
    {
        var mempool = (await sim.MempoolAsync()).ToHashSet(StringComparer.Ordinal);
        var missing = breaches.Count(b => !mempool.Contains(b.Penalty.GetHash().ToString()));
        if (missing > 0)
            problems.Add($"{missing} penalties not broadcast");
        var breach = breaches[0];
        var response = await Registration.SendOneAsync(Requests.GetAppointment(dataset.Users[breach.UserIndex], breach.Locator, port), port);
        if (response.Status != 200 || !response.Text.Contains("\"dispute_responded\"", StringComparison.Ordinal))
            problems.Add($"get_appointment of a breached appointment: {response.Status} {response.Text}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
