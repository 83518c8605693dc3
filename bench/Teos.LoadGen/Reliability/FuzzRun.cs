using System.Collections.Concurrent;
using System.Net.Sockets;
using Teos.LoadGen.Http;
using Teos.LoadGen.Load;
using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Reliability;

/// <summary>
/// `fuzz`: 10^5 mutated requests (see <see cref="Mutator"/>) against teosd's public API from several connections.
/// Fails on any 5xx, any request left unanswered past the timeout (a hang), teosd exiting, or a valid register
/// refused afterwards.
/// </summary>
public static class FuzzRun
{
    public static async Task<int> RunAsync(Options options, Backend backend)
    {
        var total = options.Int("requests", 100_000);
        var connections = options.Int("connections", 8);
        var seed = options.Int("seed", 1);
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();

        using var dir = new TempDir(root, "teos-fuzz");
        await using var sim = await Simulator.StartAsync(warmUp: true);
        await using var teosd = await Teosd.StartAsync(dir.Path, sim, LoopbackPort.Free(), backend);
        var port = teosd.ApiPort;
        var users = BenchUser.DeriveMany($"fuzz-{Guid.NewGuid():N}", 20);
        await Registration.RegisterAllAsync(users, port);
        var seeds = Requests.PreSign(users, 5, 300, port, seed: 9);
        var bases = new List<(string Path, string Body)>();
        foreach (var s in seeds)
        {
            bases.Add(("/add_appointment", Requests.AddAppointmentBody(s.Locator, s.Blob, s.ToSelfDelay, s.UserSignature)));
            bases.Add(("/get_appointment", System.Text.Encoding.UTF8.GetString(Body(Requests.GetAppointment(s.User, s.Locator, port)))));
        }

        foreach (var user in users)
        {
            bases.Add(("/register", Requests.RegisterBody(user)));
            bases.Add(("/get_subscription_info", System.Text.Encoding.UTF8.GetString(Body(Requests.GetSubscriptionInfo(user, port)))));
        }

        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            var mutator = new Mutator(new Random(seed * 1000 + worker));
            var random = new Random(seed * 7919 + worker);
            RawConnection? connection = null;
            int i;
            while ((i = Interlocked.Increment(ref next)) < total && failures.Count < 50)
            {
                var (path, body) = bases[random.Next(bases.Count)];
                var (bytes, framing, kind, headOnly) = mutator.Mutate(path, body, port);
                try
                {
                    if (framing && connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    connection ??= await RawConnection.OpenAsync(port);
                    await connection.WriteAsync(bytes, TimeSpan.FromSeconds(10));
                    if (framing)
                        connection.ShutdownSend();
                    var response = await connection.ReadResponseAsync(TimeSpan.FromSeconds(10), headOnly);
                    statuses.AddOrUpdate(response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                    if (response.Status >= 500)
                        failures.Enqueue($"{kind} {path}: HTTP {response.Status} {response.Text}");
                    if (framing)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
                catch (TimeoutException)
                {
                    failures.Enqueue($"{kind} {path}: no answer within 10 s (hang)");
                    connection = await DropAsync(connection);
                }
                catch (Exception e) when (e is IOException or SocketException)
                {
                    // The server closed the connection without an answer: acceptable for broken framing only.
                    statuses.AddOrUpdate("closed", 1, (_, n) => n + 1);
                    connection = await DropAsync(connection);
                }

                if (i % 10_000 == 0 && teosd.Process.HasExited)
                    failures.Enqueue("teosd exited");
            }

            await DropAsync(connection);
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => WorkerAsync(w))));
        var elapsed = clock.Elapsed;

        var alive = !teosd.Process.HasExited;
        var fresh = BenchUser.Derive($"after-fuzz-{Guid.NewGuid():N}", 0);
        var register = alive ? (await Registration.SendOneAsync(Requests.Register(fresh, port), port)).Status : 0;
        var ping = alive ? (await Registration.SendOneAsync(RawRequest.Get("/ping", port), port)).Status : 0;
        if (!alive)
            failures.Enqueue("teosd exited");
        if (register != 200 || ping != 200)
            failures.Enqueue($"after the fuzz run: register {register}, ping {ping}");
        var errors = teosd.Process.LinesFrom(0).Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)).ToList();
        var errorLines = errors.Count;
        foreach (var line in errors.Select(l => l.Length > 300 ? l[..300] : l).Distinct().Take(5))
            Console.WriteLine($"teosd error: {line}");

        foreach (var failure in failures.Take(20))
            Console.WriteLine($"FAILED: {failure}");
        var sent = Math.Min(total, next);
        var fiveXx = statuses.Where(s => s.Key.StartsWith('5')).Sum(s => s.Value);
        Console.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value}"))}; teosd error log lines: {errorLines}; {elapsed.TotalSeconds:F0} s");
        var ok = failures.IsEmpty;
        Console.WriteLine($"fuzz {backend.Name}: {sent} mutated requests, {fiveXx} 5xx, {failures.Count(f => f.Contains("hang", StringComparison.Ordinal))} hangs, " +
            $"teosd {(alive ? "alive" : "DEAD")}, register afterwards {register}: {(ok ? "PASS" : "FAIL")}");
        return ok ? 0 : 1;
    }

    private static byte[] Body(RawRequest request)
    {
        var bytes = request.Bytes;
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        return bytes[split..];
    }

    private static async Task<RawConnection?> DropAsync(RawConnection? connection)
    {
        if (connection is not null)
            await connection.DisposeAsync();
        return null;
    }
}
