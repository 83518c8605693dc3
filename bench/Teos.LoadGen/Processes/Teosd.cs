using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Teos.LoadGen.Http;

namespace Teos.LoadGen.Processes;

/// <summary>A teosd child process on the simulator, with the times it took to serve /ping and to log "Tower ready".</summary>
public sealed class Teosd : IAsyncDisposable
{
    private Teosd(ChildProcess process, int apiPort, string towerId, TimeSpan pingAfter, TimeSpan readyAfter)
    {
        Process = process;
        ApiPort = apiPort;
        TowerId = towerId;
        PingAfter = pingAfter;
        ReadyAfter = readyAfter;
    }

    /// <summary>Extra environment for every teosd started (--teosd-env), e.g. runtime knobs for an experiment.</summary>
    /// <remarks>
    /// Holds the registration rate limit off: the generator registers its thousands of users from one address.
    /// </remarks>
    public static Dictionary<string, string> Environment { get; } =
        new(StringComparer.Ordinal) { ["TEOS_MAX_REGISTRATIONS_PER_MINUTE"] = "0" };

    public ChildProcess Process { get; }

    public int ApiPort { get; }

    public string TowerId { get; }

    /// <summary>Process start to the first 200 on GET /ping.</summary>
    public TimeSpan PingAfter { get; }

    /// <summary>Process start to the feed's "Tower ready" line.</summary>
    public TimeSpan ReadyAfter { get; }

    /// <param name="siloPort">
    /// The silo port, for a restart: an operator's restart keeps its endpoint, on which Orleans retires the killed
    /// incarnation's membership row at once (on a new one the row must first go stale). Null picks a free port.
    /// </param>
    public static async Task<Teosd> StartAsync(
        string dataDir, Simulator simulator, int apiPort, Backend backend, TimeSpan? timeout = null, bool echo = false,
        TeosdBuild? build = null, bool gateway = false, int? siloPort = null)
    {
        build ??= TeosdBuild.Default;
        var assembly = await build.AssemblyAsync();
        string[] silo = await build.HostsSiloAsync()
            ? ["--siloport", (siloPort ?? LoopbackPort.Free()).ToString(CultureInfo.InvariantCulture),
                "--gatewayport", gateway ? LoopbackPort.Free().ToString(CultureInfo.InvariantCulture) : "0"]
            : [];
        string[] args =
        [
            "--datadir", dataDir, "--btcnetwork", "regtest",
            "--btcrpcuser", Simulator.User, "--btcrpcpassword", Simulator.Password,
            "--btcrpcconnect", "127.0.0.1", "--btcrpcport", simulator.Port.ToString(CultureInfo.InvariantCulture),
            "--apibind", "127.0.0.1", "--apiport", apiPort.ToString(CultureInfo.InvariantCulture),
            "--rpcport", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--metricsport", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            .. silo, "--pollingdelta", "0.05", .. backend.TeosdArgs,
        ];
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        var started = Stopwatch.StartNew();
        var process = ChildProcess.Start(assembly, args, "teosd", echo, Environment);
        try
        {
            var ping = WaitForPingAsync(process, apiPort, started, limit);
            var ready = WaitForReadyAsync(process, started, limit);
            await Task.WhenAll(ping, ready);
            var towerId = (await process.WaitForLineAsync("tower_id: ([0-9a-f]{66})", limit)).Groups[1].Value;
            return new Teosd(process, apiPort, towerId, await ping, await ready);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static async Task<TimeSpan> WaitForReadyAsync(ChildProcess process, Stopwatch started, TimeSpan limit)
    {
        await process.WaitForLineAsync("Tower ready", limit);
        return started.Elapsed;
    }

    private static async Task<TimeSpan> WaitForPingAsync(ChildProcess process, int port, Stopwatch started, TimeSpan limit)
    {
        var request = RawRequest.Get("/ping", port);
        while (started.Elapsed < limit)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"teosd exited before answering /ping:\n{process.Tail(40)}");
            try
            {
                await using var connection = await RawConnection.OpenAsync(port);
                var response = await connection.SendAsync(request, TimeSpan.FromSeconds(5));
                if (response.Status == 200)
                    return started.Elapsed;
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException)
            {
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"teosd did not answer /ping within {limit}");
    }

    /// <summary>Block lines logged from line <paramref name="from"/> on: height, tx count, breaches, milliseconds.</summary>
    public IReadOnlyList<BlockLine> BlockLines(int from = 0) =>
        Process.LinesFrom(from).Select(BlockLine.TryParse).OfType<BlockLine>().ToList();

    public async Task<BlockLine> WaitForBlockAsync(int height, TimeSpan timeout)
    {
        await Process.WaitForLineAsync($@"Block {height} [0-9a-f]{{64}}: ", timeout);
        return BlockLines().Last(b => b.Height == height);
    }

    public Task KillHardAsync() => Process.KillHardAsync();

    public Task<int> TerminateAsync() => Process.TerminateAsync(TimeSpan.FromMinutes(2));

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
