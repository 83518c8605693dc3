using System.Globalization;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>A real teosd process on the embedded default (SQLite in its own data dir), polling the simulator.</summary>
public sealed class Teosd : IAsyncDisposable
{
    public const double PollingDelta = 0.1;

    private readonly ChildProcess _process;

    private Teosd(ChildProcess process, Uri api)
    {
        _process = process;
        Api = api;
    }

    public Uri Api { get; }

    public string Output => _process.Output;

    /// <summary>The admin API (HTTPS, client certificates), on a port of its own chosen at start unless given.</summary>
    public Uri Admin { get; private init; } = null!;

    /// <summary>The operator listener: /metrics, /health/live, /health/ready.</summary>
    public Uri Operator { get; private init; } = null!;

    public static Task<Teosd> StartAsync(string dataDir, Simulator simulator, int apiPort, params string[] extraArgs) =>
        StartAsync(dataDir, simulator, apiPort, environment: null, extraArgs);

    /// <param name="environment">Extra environment variables, e.g. TEOS_* settings.</param>
    public static Task<Teosd> StartAsync(
        string dataDir, Simulator simulator, int apiPort, IReadOnlyDictionary<string, string>? environment, params string[] extraArgs) =>
        StartAsync(launcher: null, dataDir, simulator, apiPort, environment, extraArgs);

    /// <param name="launcher">Runs teosd in its place (see <see cref="ChildProcess.Start"/>), e.g. under a descriptor limit.</param>
    /// <param name="extraArgs">More flags; a flag given twice takes its last value, so these override the defaults.</param>
    public static async Task<Teosd> StartAsync(
        IReadOnlyList<string>? launcher,
        string dataDir,
        Simulator simulator,
        int apiPort,
        IReadOnlyDictionary<string, string>? environment,
        params string[] extraArgs)
    {
        string[] args =
        [
            "--datadir", dataDir, "--btcnetwork", "regtest",
            "--btcrpcuser", Simulator.User, "--btcrpcpassword", Simulator.Password,
            "--btcrpcconnect", "127.0.0.1", "--btcrpcport", simulator.Port.ToString(CultureInfo.InvariantCulture),
            "--apibind", "127.0.0.1", "--apiport", apiPort.ToString(CultureInfo.InvariantCulture),
            "--pollingdelta", PollingDelta.ToString(CultureInfo.InvariantCulture),
            // A free admin port per tower (the default 8814 would collide between parallel tests); extraArgs may override.
            "--rpcbind", "127.0.0.1", "--rpcport", "0", "--metricsport", "0",
            // Each tower its own Orleans silo port; none needs a gateway (no cluster clients).
            "--siloport", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), "--gatewayport", "0", .. extraArgs,
        ];
        var process = ChildProcess.Start("teosd.dll", args, environment: environment, launcher: launcher);
        try
        {
            var listening = await process.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", TimeSpan.FromSeconds(60));
            await process.WaitForLineAsync("Tower ready", TimeSpan.FromSeconds(60));
            var admin = await process.WaitForLineAsync(@"Admin API listening on (https://127\.0\.0\.1:\d+)", TimeSpan.FromSeconds(60));
            var metrics = await process.WaitForLineAsync(@"Metrics and health on (http://127\.0\.0\.1:\d+)", TimeSpan.FromSeconds(60));
            return new Teosd(process, new Uri(listening.Groups[1].Value))
            {
                Admin = new Uri(admin.Groups[1].Value),
                Operator = new Uri(metrics.Groups[1].Value),
            };
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until teosd logged processing the block at <paramref name="height"/>.</summary>
    public Task WaitForBlockAsync(int height, TimeSpan? timeout = null) =>
        _process.WaitForLineAsync($@"Block {height} [0-9a-f]{{64}}: ", timeout ?? TimeSpan.FromSeconds(60));

    public Task WaitForLineAsync(string pattern, TimeSpan timeout) => _process.WaitForLineAsync(pattern, timeout);

    public int CountLines(string pattern) => _process.CountLines(pattern);

    public bool HasExited => _process.HasExited;

    public Task KillHardAsync() => _process.KillHardAsync();

    /// <summary>SIGSTOP: a hung silo, which its peers must declare dead.</summary>
    public Task FreezeAsync() => _process.FreezeAsync();

    /// <summary>SIGCONT after <see cref="FreezeAsync"/>.</summary>
    public Task ResumeAsync() => _process.ResumeAsync();

    /// <summary>Waits for the process to end by itself (e.g. after an admin stop) and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public Task<int> TerminateAsync() => _process.TerminateAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
