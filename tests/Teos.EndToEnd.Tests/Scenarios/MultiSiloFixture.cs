using System.Globalization;
using NBitcoin;
using Npgsql;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;
using Teos.TestSupport.Postgres;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>
/// Several real teosd silos sharing one fresh PostgreSQL database (--dbconnect) and one simulator, each with its
/// own data dir and ports. The first silo started takes the block-feed lease; the others stand by.
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
            // One after the other, so the first is the leader and the start order is the takeover order.
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
        var silo = await Teosd.StartAsync(
            dataDir, Simulator, LoopbackPort.Free(),
            "--dbconnect", Database,
            "--rpcport", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--metricsport", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--pollingdelta", PollingDelta.ToString(CultureInfo.InvariantCulture));
        Silos.Add(silo);
        return silo;
    }

    public async Task<TowerUser> RegisteredUserAsync(Teosd silo, ClientProfile profile = ClientProfile.Rust)
    {
        var user = new TowerUser(silo.Api, profile);
        var response = await user.RegisterAsync();
        if (response.Status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"register failed: {response}");
        return user;
    }

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
