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
/// </summary>
public sealed class MultiSiloFixture : IAsyncDisposable
{
    private readonly List<string> _dataDirs = [];

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
        _dataDirs.Add(dataDir);
        // Four ports of its own (none is bound before teosd starts, so two picks could agree).
        var ports = Enumerable.Range(0, 100).Select(_ => LoopbackPort.Free()).Distinct().Take(4).ToArray();
        var silo = await Teosd.StartAsync(
            dataDir, Simulator, ports[0],
            "--dbconnect", Database,
            "--rpcport", ports[1].ToString(CultureInfo.InvariantCulture),
            "--metricsport", ports[2].ToString(CultureInfo.InvariantCulture),
            "--siloport", ports[3].ToString(CultureInfo.InvariantCulture),
            "--pollingdelta", PollingDelta.ToString(CultureInfo.InvariantCulture));
        Silos.Add(silo);
        return silo;
    }

    /// <summary>The silo's data dir: its admin certificates are there.</summary>
    public string DataDir(Teosd silo) => _dataDirs[Silos.IndexOf(silo)];

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

    /// <summary>Waits until some silo logged processing the block at <paramref name="height"/>; returns which.</summary>
    public async Task<Teosd> WaitForBlockAsync(int height, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (Silos.FirstOrDefault(silo => silo.CountLines($@"Block {height} [0-9a-f]{{64}}: ") > 0) is { } processed)
                return processed;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no silo processed block {height}");
    }

    /// <summary>"Block &lt;height&gt; ..." log lines over every silo: how many times the cluster processed that block.</summary>
    public int BlockProcessings(int height) => Silos.Sum(silo => silo.CountLines($@"Block {height} [0-9a-f]{{64}}: "));

    /// <summary>"Broadcast &lt;txid&gt;" log lines over every silo: how many times the tower sent that transaction.</summary>
    public int Broadcasts(uint256 txid) => Silos.Sum(silo => silo.CountLines($"Broadcast {txid}"));

    /// <summary>Reads one number straight from the shared database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
            await silo.DisposeAsync();
        await Simulator.DisposeAsync();
        foreach (var dataDir in _dataDirs)
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
