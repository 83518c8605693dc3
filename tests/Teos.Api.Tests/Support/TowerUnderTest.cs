using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NBitcoin;
using Teos.Api.Admin;
using Teos.BitcoindSim.Server;
using Teos.Grains.Chain;
using Teos.Grains.Users;
using Teos.Silo;
using Teos.Storage.Sqlite;

namespace Teos.Api.Tests.Support;

/// <summary>
/// A real teosd silo (<see cref="TeosHost"/>, as the executable builds it) on a loopback port, following an
/// in-process bitcoind simulator, with its SQLite store in a temporary data dir.
/// </summary>
public sealed class TowerUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TowerUnderTest(BitcoindSimServer bitcoind, WebApplication app, string dataDir)
    {
        Bitcoind = bitcoind;
        App = app;
        DataDir = dataDir;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
    }

    public BitcoindSimServer Bitcoind { get; }

    public WebApplication App { get; }

    public string DataDir { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The admin gRPC listener (mutual TLS), on the port it was bound to.</summary>
    public Uri AdminAddress => new($"https://127.0.0.1:{App.Services.GetRequiredService<ApiListeners>().AdminEndPoint!.Port}");

    /// <param name="settings">teos.toml entries (e.g. subscription_slots = 1), written before the silo starts.</param>
    public static Task<TowerUnderTest> StartAsync(params string[] settings) => StartWithKeyAsync(towerKey: null, settings);

    /// <param name="towerKey">A tower secret key (hex) stored before the silo starts, so its receipts are known in advance.</param>
    public static async Task<TowerUnderTest> StartWithKeyAsync(string? towerKey, params string[] settings)
    {
        var bitcoind = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 200 });
        var dataDir = Directory.CreateTempSubdirectory("teos-api-tests-").FullName;
        await File.WriteAllLinesAsync(Path.Combine(dataDir, "teos.toml"), settings);
        if (towerKey is not null)
            await SeedTowerKeyAsync(dataDir, towerKey);
        string[] args =
        [
            "--datadir", dataDir, "--btcnetwork", "regtest", "--btcrpcconnect", "127.0.0.1",
            "--btcrpcport", bitcoind.Port.ToString(), "--btcrpcuser", "user", "--btcrpcpassword", "pass",
            "--apibind", "127.0.0.1", "--apiport", "0", "--pollingdelta", "0.05",
            "--rpcbind", "127.0.0.1", "--rpcport", "0", "--metricsport", "0",
        ];
        var app = await TeosHost.BuildAsync(args);
        await app.StartAsync();
        var tower = new TowerUnderTest(bitcoind, app, dataDir);
        await tower.WaitForTipAsync();
        return tower;
    }

    private static async Task SeedTowerKeyAsync(string dataDir, string towerKey)
    {
        await using var store = SqliteTowerStore.Open(Path.Combine(dataDir, "regtest", "teos_db.sql3"), NullLogger.Instance);
        await store.AddTowerKeyAsync(towerKey, CancellationToken.None);
    }

    public Task<uint> HeightAsync() => App.Services.GetRequiredService<Gatekeeper>().CurrentHeightAsync(CancellationToken.None);

    public bool BitcoindReachable => App.Services.GetRequiredService<IBitcoindReachability>().IsReachable;

    /// <summary>Mines on the simulator and waits until the tower has processed the new tip.</summary>
    public async Task MineAsync(int blocks, IReadOnlyList<Transaction>? transactions = null)
    {
        Bitcoind.Chain.Mine(blocks, transactions);
        await WaitForTipAsync();
    }

    public async Task WaitForTipAsync()
    {
        var target = (uint)Bitcoind.Chain.Height;
        await WaitUntilAsync(async () => await HeightAsync() == target, $"tower at height {target}");
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what}");
            await Task.Delay(25);
        }
    }

    public Task<ApiAnswer> PostAsync(string path, string body, string? contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, body, contentType);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request);
        return new ApiAnswer(
            (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Bitcoind.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp directory behind.
        }
    }
}
