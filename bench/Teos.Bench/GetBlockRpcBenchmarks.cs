using System.Net;
using BenchmarkDotNet.Attributes;
using NBitcoin;
using NBitcoin.RPC;
using Newtonsoft.Json.Linq;
using Teos.BitcoindSim.Server;
using Teos.Protocol.Bitcoin;
using Teos.Silo.Bitcoind;

namespace Teos.Bench;

/// <summary>
/// <c>getblock &lt;hash&gt; 0</c> of a 4,000-transaction block from the bitcoind simulator on loopback, to a parsed
/// block: through NBitcoin's <see cref="RPCClient"/> (its reply, then <see cref="BitcoinWire"/>), through NBitcoin's own
/// <c>GetBlockAsync</c>, and by <see cref="RawBlockCall"/>, the direct POST the tower makes beside RPCClient for this
/// one call (issue 18).
/// </summary>
[MemoryDiagnoser]
public class GetBlockRpcBenchmarks
{
    private BitcoindSimServer _server = null!;
    private RPCClient _rpc = null!;
    private uint256 _hash = uint256.Zero;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await BitcoindSimServer.StartAsync(new BitcoindSimOptions { InitialBlocks = 1 });
        _hash = _server.Chain.MineSynthetic(4_000);
        _rpc = new RPCClient(new RPCCredentialString { UserPassword = new NetworkCredential("user", "pass") }, _server.Endpoint, Network.RegTest)
        {
            HttpClient = new HttpClient(),
        };
        Console.WriteLine($"// block: {_server.Chain.FindBlock(_hash)!.RawHex.Length / 2} bytes");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _rpc.HttpClient.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>All through RPCClient: its reply, then <see cref="BitcoinWire"/>.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RpcClientResultThenBitcoinWire()
    {
        var result = (await _rpc.SendCommandAsync(RPCOperations.getblock, _hash, 0)).Result;
        return BitcoinWire.TryParseBlockHex(result.Value<string>()!, out var block, out var error) ? block.Transactions.Count : throw new FormatException(error);
    }

    [Benchmark]
    public async Task<int> RpcClientGetBlock() => (await _rpc.GetBlockAsync(_hash)).Transactions.Count;

    /// <summary>What BitcoindRpcClient.GetBlockAsync does: a direct POST beside RPCClient, read with System.Text.Json.</summary>
    [Benchmark]
    public async Task<int> RawBlockCallThenBitcoinWire() =>
        BitcoinWire.TryParseBlockHex(await RawBlockCall.GetHexAsync(_rpc, _hash, CancellationToken.None), out var block, out var error)
            ? block.Transactions.Count
            : throw new FormatException(error);
}
