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

    /// <summary>A port that was free a moment ago, so restarts keep the address users know.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<Teosd> StartAsync(string dataDir, Simulator simulator, int apiPort, params string[] extraArgs)
    {
        string[] args =
        [
            "--datadir", dataDir, "--btcnetwork", "regtest",
            "--btcrpcuser", Simulator.User, "--btcrpcpassword", Simulator.Password,
            "--btcrpcconnect", "127.0.0.1", "--btcrpcport", simulator.Port.ToString(CultureInfo.InvariantCulture),
            "--apibind", "127.0.0.1", "--apiport", apiPort.ToString(CultureInfo.InvariantCulture),
            "--pollingdelta", PollingDelta.ToString(CultureInfo.InvariantCulture), .. extraArgs,
        ];
        var process = ChildProcess.Start("teosd.dll", args);
        try
        {
            var listening = await process.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", TimeSpan.FromSeconds(60));
            await process.WaitForLineAsync("Tower ready", TimeSpan.FromSeconds(60));
            return new Teosd(process, new Uri(listening.Groups[1].Value));
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

    public int CountLines(string pattern) => _process.CountLines(pattern);

    public Task KillHardAsync() => _process.KillHardAsync();

    public Task<int> TerminateAsync() => _process.TerminateAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
