using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NBitcoin;
using NBitcoin.RPC;
using Teos.BitcoindSim.Server;
using Teos.Protocol.Bitcoin;

namespace Teos.Bench;

/// <summary>
/// <c>getblock &lt;hash&gt; 0</c> of a 4,000-transaction block from the bitcoind simulator on loopback, to a parsed
/// block: through NBitcoin's <see cref="RPCClient"/> as the tower calls it (result string, then
/// <see cref="BitcoinWire"/>), through NBitcoin's own <c>GetBlockAsync</c>, and as a hand-made JSON-RPC POST read
/// with System.Text.Json. Decides whether the tower's getblock needs a direct call beside RPCClient (issue 18).
/// </summary>
[MemoryDiagnoser]
public class GetBlockRpcBenchmarks
{
    private BitcoindSimServer _server = null!;
    private RPCClient _rpc = null!;
    private HttpClient _http = null!;
    private uint256 _hash = uint256.Zero;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 1 });
        _hash = _server.Chain.MineSynthetic(4_000);
        _http = new HttpClient { BaseAddress = _server.Endpoint };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass")));
        _rpc = new RPCClient(new RPCCredentialString { UserPassword = new NetworkCredential("user", "pass") }, _server.Endpoint, Network.RegTest)
        {
            HttpClient = new HttpClient(),
        };
        Console.WriteLine($"// block: {_server.Chain.FindBlock(_hash)!.RawHex.Length / 2} bytes");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        _rpc.HttpClient.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>What BitcoindRpcClient.GetBlockAsync does.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RpcClientResultThenBitcoinWire()
    {
        var result = (await _rpc.SendCommandAsync(RPCOperations.getblock, _hash, 0)).Result;
        return BitcoinWire.TryParseBlockHex(result.Value<string>()!, out var block, out var error) ? block.Transactions.Count : throw new FormatException(error);
    }

    [Benchmark]
    public async Task<int> RpcClientGetBlock() => (await _rpc.GetBlockAsync(_hash)).Transactions.Count;

    [Benchmark]
    public async Task<int> DirectPostSystemTextJson()
    {
        var request = $"{{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblock\",\"params\":[\"{_hash}\",0]}}";
        using var response = await _http.PostAsync(string.Empty, new StringContent(request, Encoding.UTF8, "application/json"));
        using var reply = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var hex = reply.RootElement.GetProperty("result").GetString()!;
        return BitcoinWire.TryParseBlockHex(hex, out var block, out var error) ? block.Transactions.Count : throw new FormatException(error);
    }
}
