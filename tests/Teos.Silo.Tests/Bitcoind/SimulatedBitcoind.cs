using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Teos.BitcoindSim.Server;
using Teos.Silo.Bitcoind;

namespace Teos.Silo.Tests.Bitcoind;

/// <summary>A simulator on loopback plus a real JSON-RPC client pointed at it, with short retry budgets for tests.</summary>
internal sealed class SimulatedBitcoind : IAsyncDisposable
{
    private readonly List<BitcoindRpcClient> _clients = [];

    private SimulatedBitcoind(BitcoindSimServer server, string? cookiePath)
    {
        Server = server;
        CookiePath = cookiePath;
    }

    public BitcoindSimServer Server { get; }

    public string? CookiePath { get; }

    public BitcoindSim.Chain.RegtestChain Chain => Server.Chain;

    public static async Task<SimulatedBitcoind> StartAsync(int initialBlocks = 101, bool useCookie = false)
    {
        var cookiePath = useCookie ? Path.Combine(Path.GetTempPath(), $"teos-sim-{Guid.NewGuid():N}", ".cookie") : null;
        var server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = initialBlocks, CookiePath = cookiePath });
        return new SimulatedBitcoind(server, cookiePath);
    }

    public BitcoindOptions Options(Action<BitcoindOptions>? adjust = null)
    {
        var options = new BitcoindOptions
        {
            Network = "regtest",
            RpcConnect = "127.0.0.1",
            RpcPort = Server.Port,
            RequestTimeout = TimeSpan.FromSeconds(5),
            RetryInitialDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            RetryBudget = TimeSpan.FromSeconds(1),
        };
        if (CookiePath is null)
        {
            options.RpcUser = "user";
            options.RpcPassword = "pass";
        }
        else
        {
            options.RpcCookie = CookiePath;
        }

        adjust?.Invoke(options);
        return options;
    }

    public BitcoindRpcClient Client(Action<BitcoindOptions>? adjust = null)
    {
        var client = new BitcoindRpcClient(Microsoft.Extensions.Options.Options.Create(Options(adjust)), NullLogger<BitcoindRpcClient>.Instance);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await Server.DisposeAsync();
    }
}
