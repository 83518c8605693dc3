using System.Diagnostics;
using System.Globalization;
using NBitcoin;
using Npgsql;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Teos.TestSupport.Postgres;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// Several real teosd silos sharing one fresh PostgreSQL database (--dbconnect) and one simulator, each with its
/// own data dir and ports: one Orleans cluster. Every silo serves the APIs; the block feed grain runs on one of them.
/// A silo restarted in place keeps its data dir and ports, as an operator's rolling upgrade does (README).
/// </summary>
public sealed class MultiSiloFixture : IAsyncDisposable
{
    /// <summary>Every data dir made, for the clean-up.</summary>
    private readonly List<Slot> _slots = [];

    /// <summary>Each silo's data dir and command line, which its replacement after a restart keeps.</summary>
    private readonly Dictionary<Teosd, Slot> _slotOf = [];

    /// <summary>Processes stopped by <see cref="RestartSiloAsync"/>: their logs still count.</summary>
    private readonly List<Teosd> _stopped = [];

    private MultiSiloFixture(Simulator simulator, string database, double pollingDelta)
    {
        Simulator = simulator;
        Database = database;
        PollingDelta = pollingDelta;
    }

    public Simulator Simulator { get; }

    /// <summary>The connection string every silo gets.</summary>
    public string Database { get; }

    public double PollingDelta { get; }

    public List<Teosd> Silos { get; } = [];

    public static async Task<MultiSiloFixture> StartAsync(PostgresServer server, int silos = 2, double pollingDelta = Teosd.PollingDelta)
    {
        var fixture = new MultiSiloFixture(await Simulator.StartAsync(), await server.CreateDatabaseAsync("teos_e2e"), pollingDelta);
        try
        {
            // One after the other: each joins the cluster the earlier ones formed.
            for (var i = 0; i < silos; i++)
                await fixture.StartSiloAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async Task<Teosd> StartSiloAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("teos-silo-").FullName;
        // Four ports of its own (none is bound before teosd starts, so two picks could agree).
        var ports = Enumerable.Range(0, 100).Select(_ => LoopbackPort.Free()).Distinct().Take(4).ToArray();
        var (api, rpc, metrics, siloPort) = (ports[0], ports[1], ports[2], ports[3]);
        string[] args =
        [
            "--dbconnect", Database,
            "--rpcport", Port(rpc), "--metricsport", Port(metrics), "--siloport", Port(siloPort),
            "--pollingdelta", PollingDelta.ToString(CultureInfo.InvariantCulture),
        ];
        var slot = new Slot(dataDir, api, args);
        _slots.Add(slot);
        var started = await StartInSlotAsync(slot);
        Silos.Add(started);
        return started;
    }

    /// <summary>
    /// Stops <paramref name="silo"/> gracefully (SIGTERM, bounded wait for its exit) and starts a new teosd in its
    /// place, on the same data dir and ports, which joins the cluster as a new member and takes the old one's index
    /// in <see cref="Silos"/>.
    /// </summary>
    public async Task<SiloRestart> RestartSiloAsync(Teosd silo)
    {
        var index = Silos.IndexOf(silo);
        var began = Stopwatch.GetTimestamp();
        var exitCode = await silo.TerminateAsync();
        _stopped.Add(silo);
        var stopping = Stopwatch.GetElapsedTime(began);
        var started = await StartInSlotAsync(_slotOf[silo]);
        Silos[index] = started;
        return new SiloRestart(silo, exitCode, stopping, Stopwatch.GetElapsedTime(began) - stopping, started);
    }

    /// <summary>The silo's data dir: its admin certificates are there.</summary>
    public string DataDir(Teosd silo) => _slotOf[silo].DataDir;

    public async Task<TowerUser> RegisteredUserAsync(Teosd silo, ClientProfile profile = ClientProfile.Rust)
    {
        var user = new TowerUser(silo.Api, profile);
        var response = await user.RegisterAsync();
        if (response.Status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"register failed: {response}");
        return user;
    }

    /// <summary>The live silo the block feed grain runs on: the one that logged the feed's latest activation.</summary>
    public Teosd FeedSilo() =>
        Silos.Where(silo => !silo.HasExited)
            .Select(silo => (Silo: silo, At: silo.Output.Split('\n').Where(line => line.Contains("Block feed active on ", StringComparison.Ordinal))
                .Select(line => line[..19]).DefaultIfEmpty(string.Empty).Max()!))
            .Where(candidate => candidate.At.Length > 0)
            .OrderByDescending(candidate => candidate.At, StringComparer.Ordinal)
            .First().Silo;

    /// <summary>Waits until some silo (a stopped one included) logged processing the block at <paramref name="height"/>; returns which.</summary>
    public async Task<Teosd> WaitForBlockAsync(int height, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (Processes.FirstOrDefault(silo => silo.CountLines($@"Block {height} [0-9a-f]{{64}}: ") > 0) is { } processed)
                return processed;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no silo processed block {height}");
    }

    /// <summary>"Block &lt;height&gt; ..." log lines over every silo, stopped ones included: how many times the cluster processed that block.</summary>
    public int BlockProcessings(int height) => Processes.Sum(silo => silo.CountLines($@"Block {height} [0-9a-f]{{64}}: "));

    /// <summary>
    /// Feed activations stopped by the tip's fence over every silo: during membership changes Orleans may briefly run a
    /// second activation, which can process a block the other did too; the one whose tip write comes second is fenced.
    /// </summary>
    public int FencedFeeds() => Processes.Sum(silo => silo.CountLines("Block feed fenced: "));

    /// <summary>"Broadcast &lt;txid&gt;" log lines over every silo, stopped ones included: how many times the tower sent that transaction.</summary>
    public int Broadcasts(uint256 txid) => Processes.Sum(silo => silo.CountLines($"Broadcast {txid}"));

    /// <summary>Reads one number straight from the shared database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Reads one column of strings straight from the shared database.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Processes)
            await silo.DisposeAsync();
        await Simulator.DisposeAsync();
        foreach (var slot in _slots)
        {
            try
            {
                Directory.Delete(slot.DataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Every teosd started, each once (a silo whose replacement failed to start is in both lists).</summary>
    private IEnumerable<Teosd> Processes => Silos.Concat(_stopped).Distinct();

    private async Task<Teosd> StartInSlotAsync(Slot slot)
    {
        var silo = await Teosd.StartAsync(slot.DataDir, Simulator, slot.ApiPort, slot.Args);
        _slotOf[silo] = slot;
        return silo;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private sealed record Slot(string DataDir, int ApiPort, string[] Args);
}
