using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Teos.Api.Admin;
using Teos.BitcoindSim.Server;
using Teos.Grains.Store;
using Teos.Grains.Tower;
using Teos.Silo;
using Teos.Silo.Operator;
using Teos.Silo.Startup;

namespace Teos.Playground;

/// <summary>
/// The playground: a bitcoind regtest simulator with 101 blocks and a teosd tower polling it every half second, in
/// this one process, so Ctrl+C or SIGTERM stops both. Every start is a fresh chain and a fresh tower.
/// </summary>
public static class PlaygroundHost
{
    public const string RpcUser = "playground";
    public const string RpcPassword = "playground";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(PlaygroundOptions options)
    {
        if (await PlaygroundState.LoadRunningAsync(options.Dir) is { } running)
        {
            Console.Error.WriteLine($"teos-playground: a playground already runs from {options.Dir} (process {running.ProcessId}); stop it first, or use another --dir");
            return 1;
        }

        PrepareDirectory(options);
        BitcoindSimServer bitcoind;
        try
        {
            bitcoind = await BitcoindSimServer.StartAsync(new BitcoindSimOptions
            {
                Port = options.SimPort, RpcUser = RpcUser, RpcPassword = RpcPassword, InitialBlocks = 101,
            });
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"teos-playground: the bitcoind simulator cannot listen on 127.0.0.1:{options.SimPort} ({e.InnerException?.Message ?? e.Message}): choose another port with --simport");
            return 1;
        }

        await using (bitcoind)
        {
            WebApplication tower;
            try
            {
                tower = await TeosHost.BuildAsync(TowerArgs(options, bitcoind.Port));
                await TeosHost.StartAsync(tower);
            }
            catch (Exception e)
            {
                // teosd's own one-line message; the ports it names are the playground's flags too.
                Console.Error.WriteLine($"teos-playground: {StartupFailure.Describe(e)}");
                return 1;
            }

            await using (tower)
            {
                var state = await WaitUntilReadyAsync(tower, bitcoind);
                await state.SaveAsync(options.Dir);
                Console.WriteLine(Announcement(state, options));
                await tower.WaitForShutdownAsync();
                File.Delete(PlaygroundState.PathIn(options.Dir));
            }
        }

        Console.WriteLine("Playground stopped: tower and bitcoind simulator.");
        return 0;
    }

    /// <summary>A fresh chain needs a fresh tower: the old one would look for blocks this chain never had.</summary>
    private static void PrepareDirectory(PlaygroundOptions options)
    {
        Directory.CreateDirectory(options.Dir);
        foreach (var dir in new[] { options.TowerDir, options.ClientDir })
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    private static string[] TowerArgs(PlaygroundOptions options, int bitcoindPort) =>
    [
        "--datadir", options.TowerDir, "--btcnetwork", "regtest",
        "--btcrpcconnect", "127.0.0.1", "--btcrpcport", Number(bitcoindPort),
        "--btcrpcuser", RpcUser, "--btcrpcpassword", RpcPassword,
        "--apibind", "127.0.0.1", "--apiport", Number(options.ApiPort),
        "--rpcbind", "127.0.0.1", "--rpcport", Number(options.RpcPort),
        "--metricsbind", "127.0.0.1", "--metricsport", Number(options.MetricsPort),
        "--pollingdelta", "0.5",
    ];

    /// <summary>Waits for the block feed's first tip, so the tour's registration starts at the chain's height.</summary>
    private static async Task<PlaygroundState> WaitUntilReadyAsync(WebApplication tower, BitcoindSimServer bitcoind)
    {
        var store = tower.Services.GetRequiredService<ITowerStore>();
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (await store.GetTipAsync(CancellationToken.None) is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the tower processed no block within {ReadyTimeout.TotalSeconds} s");
            await Task.Delay(100);
        }

        var listeners = tower.Services.GetRequiredService<ApiListeners>();
        var operatorListener = tower.Services.GetRequiredService<OperatorListener>();
        return new PlaygroundState(
            Environment.ProcessId,
            tower.Services.GetRequiredService<TowerIdentity>().TowerId.ToHex(),
            new Uri($"http://{listeners.PublicEndPoint}/"),
            new Uri($"https://{listeners.AdminEndPoint}/"),
            new Uri($"http://{operatorListener.EndPoint}/"),
            bitcoind.Endpoint,
            RpcUser,
            RpcPassword);
    }

    private static string Announcement(PlaygroundState state, PlaygroundOptions options)
    {
        var dirFlag = options.Dir == PlaygroundOptions.Parse([]).Dir ? string.Empty : $" --dir {options.Dir}";
        return $"""

            Playground ready: a Teos tower following a regtest bitcoind simulator (Ctrl+C stops both).
              tower id          {state.TowerId}
              public API        {state.Api}
              admin API         {state.Admin}  (client certificates in {options.TowerDir})
              metrics, health   {state.Metrics}metrics  {state.Metrics}health/ready
              bitcoind (sim)    {state.Bitcoind}  (user {state.RpcUser}, password {state.RpcPassword}; 101 blocks)
              state             {PlaygroundState.PathIn(options.Dir)}

            Next, in another terminal from the repository:
              dotnet run --project src/Playground -- tour{dirFlag}
                  register, add an appointment, mine the cheating commitment, watch the penalty go out
              dotnet run --project src/Cli/Admin -- --datadir {options.TowerDir} --rpcport {state.Admin.Port} gettowerinfo
              dotnet run --project src/Cli/Client -- --datadir {options.ClientDir} register --tower {state.Api} --tower-id {state.TowerId}
              curl {state.Metrics}metrics
            """;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
