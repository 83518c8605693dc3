using NBitcoin;
using Teos.EndToEnd.Tests.Harness;
using Teos.Protocol.Profiles;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>One simulator and one teosd on a fresh data dir, torn down after the test.</summary>
public sealed class TowerFixture : IAsyncDisposable
{
    private TowerFixture(Simulator simulator, string dataDir)
    {
        Simulator = simulator;
        DataDir = dataDir;
    }

    public Simulator Simulator { get; }

    public int ApiPort { get; } = LoopbackPort.Free();

    public string DataDir { get; }

    public Teosd Tower { get; private set; } = null!;

    /// <param name="config">Lines of teos.toml written before the first start (settings that have no flag).</param>
    public static async Task<TowerFixture> StartAsync(params string[] config)
    {
        var dataDir = Directory.CreateTempSubdirectory("teos-e2e-").FullName;
        if (config.Length > 0)
            await File.WriteAllLinesAsync(Path.Combine(dataDir, "teos.toml"), config);

        var fixture = new TowerFixture(await Simulator.StartAsync(), dataDir);
        await fixture.RestartAsync();
        return fixture;
    }

    public TowerUser NewUser(ClientProfile profile = ClientProfile.Rust) => new(Tower.Api, profile);

    public async Task<TowerUser> RegisteredUserAsync(ClientProfile profile = ClientProfile.Rust)
    {
        var user = NewUser(profile);
        var response = await user.RegisterAsync();
        if (response.Status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"register failed: {response}");
        return user;
    }

    /// <summary>Mines blocks and waits until the tower has processed the last one.</summary>
    public async Task MineAsync(int blocks, params Transaction[] transactions)
    {
        await Simulator.MineAsync(blocks, transactions);
        await Tower.WaitForBlockAsync(await Simulator.HeightAsync());
    }

    public async Task MineIgnoringMempoolAsync(int blocks)
    {
        await Simulator.MineIgnoringMempoolAsync(blocks);
        await Tower.WaitForBlockAsync(await Simulator.HeightAsync());
    }

    /// <summary>(Re)starts teosd on the same data dir.</summary>
    public async Task RestartAsync()
    {
        if (Tower is not null)
            await Tower.DisposeAsync();
        Tower = await Teosd.StartAsync(DataDir, Simulator, ApiPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (Tower is not null)
            await Tower.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
