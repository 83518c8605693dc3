using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Teos.LoadGen.Http;
using Teos.LoadGen.Load;
using Teos.LoadGen.Processes;
using Teos.Protocol.Appointments;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;

namespace Teos.LoadGen.Reliability;

/// <summary>
/// `crash`: kill -9 of teosd while add_appointment requests stream in, restart on the same store, then check every
/// receipt the generator got (tower signature, get_appointment content, start_block in the store) and every user's
/// slot count (exact: initial slots minus the cost of the appointments the tower holds, which must include every
/// acknowledged one). Exits 1 on any loss or mismatch.
/// </summary>
public static class CrashRun
{
    public static async Task<int> RunAsync(Options options, Backend backend)
    {
        var users = options.Int("users", 500);
        var perUser = options.Int("per-user", 40);
        var connections = options.Int("connections", 64);
        var killAt = options.Double("kill-at", 0.4);
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();

        using var dir = new TempDir(root, "teos-crash");
        await using var sim = await Simulator.StartAsync(warmUp: true);
        var port = LoopbackPort.Free();
        // The restart keeps the silo port, as an operator's does.
        var siloPort = LoopbackPort.Free();
        var teosd = await Teosd.StartAsync(dir.Path, sim, port, backend, siloPort: siloPort);
        var towerId = PublicKey.ParseHex(teosd.TowerId);
        var bench = BenchUser.DeriveMany($"crash-{Guid.NewGuid():N}", users);
        await Registration.RegisterAllAsync(bench, port);
        var signed = Requests.PreSign(bench, perUser, 300, port, seed: 5);

        var receipts = new Receipt?[signed.Length];
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var load = LoadSender.RunAsync(signed.Select(s => s.Request).ToList(), port, connections, (index, response) =>
        {
            if (response.Status == 200)
            {
                using var json = JsonDocument.Parse(response.Body);
                var root = json.RootElement;
                receipts[index] = new Receipt(root.GetProperty("locator").GetString()!, root.GetProperty("start_block").GetUInt32(),
                    root.GetProperty("signature").GetString()!, root.GetProperty("available_slots").GetUInt32());
            }

            Interlocked.Increment(ref answered);
        }, stop.Token);

        while (Volatile.Read(ref answered) < signed.Length * killAt && !load.IsCompleted)
            await Task.Delay(1);
        await teosd.KillHardAsync();
        stop.Cancel();
        var result = await load;
        var acked = receipts.Count(r => r is not null);
        Console.WriteLine($"killed teosd (kill -9) under load after {acked} acknowledged appointments; load: {result.Describe()}");
        await teosd.DisposeAsync();

        await using var restarted = await Teosd.StartAsync(dir.Path, sim, port, backend, siloPort: siloPort);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restarted: Tower ready after {restarted.ReadyAfter.TotalSeconds:F2} s"));
        var problems = new List<string>();
        CheckSignatures(signed, receipts, towerId, problems);
        await CheckGetAppointmentAsync(signed, receipts, port, connections, problems);
        CheckStartBlocks(dir.Path, backend, signed, receipts, problems);
        var (held, unacked) = await CheckSlotsAsync(bench, signed, receipts, port, problems);

        foreach (var problem in problems.Take(20))
            Console.WriteLine($"FAILED: {problem}");
        var ok = problems.Count == 0;
        Console.WriteLine($"crash {backend.Name}: {acked} acknowledged appointments checked after kill -9 (receipt signature, get_appointment, start_block), " +
            $"{held} held ({unacked} committed but unanswered when killed), slot counts of {users} users; {problems.Count} problems: {(ok ? "PASS" : "FAIL")}");
        return ok ? 0 : 1;
    }

    private static void CheckSignatures(SignedAppointment[] signed, Receipt?[] receipts, PublicKey towerId, List<string> problems)
    {
        for (var i = 0; i < signed.Length; i++)
        {
            if (receipts[i] is not { } receipt)
                continue;
            if (receipt.Locator != signed[i].Locator.ToHex())
                problems.Add($"receipt {i}: locator {receipt.Locator} for a request with {signed[i].Locator}");
            if (!new AppointmentReceipt(signed[i].UserSignature, receipt.StartBlock).Verify(receipt.Signature, towerId))
                problems.Add($"receipt {i}: tower signature does not verify");
        }
    }

    private static async Task CheckGetAppointmentAsync(
        SignedAppointment[] signed, Receipt?[] receipts, int port, int connections, List<string> problems)
    {
        var indexes = Enumerable.Range(0, signed.Length).Where(i => receipts[i] is not null).ToList();
        var requests = indexes.Select(i => Requests.GetAppointment(signed[i].User, signed[i].Locator, port)).ToList();
        var bad = new System.Collections.Concurrent.ConcurrentBag<string>();
        var result = await LoadSender.RunAsync(requests, port, connections, (k, response) =>
        {
            var s = signed[indexes[k]];
            if (response.Status != 200)
            {
                bad.Add($"get_appointment {s.Locator}: HTTP {response.Status} {response.Text}");
                return;
            }

            using var json = JsonDocument.Parse(response.Body);
            var appointment = json.RootElement.GetProperty("appointment");
            if (json.RootElement.GetProperty("status").GetString() != "being_watched"
                || appointment.GetProperty("locator").GetString() != s.Locator.ToHex()
                || appointment.GetProperty("encrypted_blob").GetString() != Convert.ToHexStringLower(s.Blob)
                || appointment.GetProperty("to_self_delay").GetUInt32() != s.ToSelfDelay)
                bad.Add($"get_appointment {s.Locator}: {response.Text[..Math.Min(160, response.Text.Length)]}");
        });
        if (result.Sent != requests.Count)
            problems.Add($"get_appointment: {result.Describe()}");
        problems.AddRange(bad);
    }

    /// <summary>start_block is not in get_appointment's answer: read it from the restarted tower's store.</summary>
    private static void CheckStartBlocks(string dataDir, Backend backend, SignedAppointment[] signed, Receipt?[] receipts, List<string> problems)
    {
        if (backend.IsPostgres)
        {
            PostgresChecks.CheckStartBlocks(backend.ConnectionString!, signed, receipts, problems);
            return;
        }

        var db = Path.Combine(dataDir, "regtest", "teos_db.sql3");
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT start_block FROM appointments WHERE uuid = $uuid";
        var uuid = query.Parameters.Add("$uuid", SqliteType.Blob);
        for (var i = 0; i < signed.Length; i++)
        {
            if (receipts[i] is not { } receipt)
                continue;
            uuid.Value = AppointmentUuid.Compute(signed[i].Locator, signed[i].User.Id).ToArray();
            if (query.ExecuteScalar() is not long start || start != receipt.StartBlock)
                problems.Add($"store: start_block of {signed[i].Locator} is not the receipt's {receipt.StartBlock}");
        }
    }

    private static async Task<(int Held, int Unacked)> CheckSlotsAsync(
        BenchUser[] users, SignedAppointment[] signed, Receipt?[] receipts, int port, List<string> problems)
    {
        int held = 0, unacked = 0;
        var byUser = Enumerable.Range(0, signed.Length).GroupBy(i => signed[i].User.Index).ToDictionary(g => g.Key, g => g.ToList());
        await using var connection = await RawConnection.OpenAsync(port);
        foreach (var user in users)
        {
            var response = await connection.SendAsync(Requests.GetSubscriptionInfo(user, port), TimeSpan.FromSeconds(30));
            if (response.Status != 200)
            {
                problems.Add($"get_subscription_info {user.IdHex}: HTTP {response.Status}");
                continue;
            }

            using var json = JsonDocument.Parse(response.Body);
            var locators = json.RootElement.GetProperty("locators").EnumerateArray().Select(l => l.GetString()!).ToHashSet(StringComparer.Ordinal);
            var slots = json.RootElement.GetProperty("available_slots").GetUInt32();
            var mine = byUser.GetValueOrDefault(user.Index) ?? [];
            var sent = mine.ToDictionary(i => signed[i].Locator.ToHex(), i => i, StringComparer.Ordinal);
            var cost = 0;
            foreach (var locator in locators)
            {
                if (!sent.TryGetValue(locator, out var i))
                {
                    problems.Add($"user {user.Index}: unknown locator {locator}");
                    continue;
                }

                cost += signed[i].SlotCost;
                held++;
                if (receipts[i] is null)
                    unacked++;
            }

            foreach (var i in mine.Where(i => receipts[i] is not null && !locators.Contains(signed[i].Locator.ToHex())))
                problems.Add($"user {user.Index}: acknowledged appointment {signed[i].Locator} lost");
            if (slots != 10_000 - cost)
                problems.Add($"user {user.Index}: {slots} slots, expected {10_000 - cost} (10000 - cost of {locators.Count} held)");
        }

        return (held, unacked);
    }
}
