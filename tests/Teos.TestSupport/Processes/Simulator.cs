using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NBitcoin;

namespace Teos.TestSupport.Processes;

/// <summary>The bitcoind simulator as a separate process, driven over its JSON-RPC like a regtest bitcoind.</summary>
public sealed class Simulator : IAsyncDisposable
{
    public const string User = "teos";
    public const string Password = "regtest-password";

    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private Simulator(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{User}:{Password}")));
    }

    public int Port { get; }

    /// <param name="warmUp">Benchmarks: the simulator compiles its RPC paths before listening (see SimWarmUp).</param>
    public static async Task<Simulator> StartAsync(int initialBlocks = 110, int port = 0, bool warmUp = false)
    {
        var process = ChildProcess.Start("Teos.BitcoindSim.dll",
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--rpcuser", User, "--rpcpassword", Password,
                "--blocks", initialBlocks.ToString(CultureInfo.InvariantCulture), "--warmup", warmUp ? "true" : "false",
            ],
            "sim");
        var line = await process.WaitForLineAsync(@"listening on 127\.0\.0\.1:(\d+)", TimeSpan.FromSeconds(60));
        return new Simulator(process, int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    public async Task<int> HeightAsync() => (await CallAsync("getblockcount")).GetValue<int>();

    public async Task<string> BestBlockHashAsync() => (await CallAsync("getbestblockhash")).GetValue<string>();

    /// <summary>One block of <paramref name="count"/> synthetic transactions plus <paramref name="extra"/> (the benchmarks' fast path).</summary>
    public async Task MineSyntheticAsync(int count, params Transaction[] extra) =>
        await CallAsync("sim_minesynthetic", count, Hexes(extra));

    /// <summary>Mines blocks; the first holds <paramref name="transactions"/>, then the mempool.</summary>
    public async Task MineAsync(int blocks, params Transaction[] transactions) =>
        await CallAsync("sim_mine", blocks, Hexes(transactions), true);

    /// <summary>Mines blocks that leave the mempool alone, as if miners ignored it.</summary>
    public async Task MineIgnoringMempoolAsync(int blocks, params Transaction[] transactions) =>
        await CallAsync("sim_mine", blocks, Hexes(transactions), false);

    /// <summary>Replaces the last <paramref name="depth"/> blocks by <paramref name="newBlocks"/> empty ones.</summary>
    public async Task ReorgAsync(int depth, int newBlocks, bool returnToMempool) =>
        await CallAsync("sim_reorg", depth, newBlocks, new JsonArray(), returnToMempool, false);

    /// <summary>Closes the RPC listener (connections refused) and reopens it after <paramref name="downtime"/>.</summary>
    public async Task GoUnavailableAsync(TimeSpan downtime) => await CallAsync("sim_unavailable", (int)downtime.TotalMilliseconds);

    public async Task<IReadOnlyList<string>> MempoolAsync() =>
        (await CallAsync("getrawmempool")).AsArray().Select(t => t!.GetValue<string>()).ToList();

    /// <summary>Confirmations of a transaction, 0 in the mempool, null when bitcoind does not know it.</summary>
    public async Task<int?> ConfirmationsAsync(uint256 txid)
    {
        var reply = await SendAsync("getrawtransaction", txid.ToString(), true);
        if (reply["error"] is JsonObject)
            return null;
        return reply["result"]!["confirmations"]?.GetValue<int>() ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private static JsonArray Hexes(Transaction[] transactions) => new([.. transactions.Select(tx => (JsonNode)tx.ToHex())]);

    private async Task<JsonNode> CallAsync(string method, params object[] args)
    {
        var reply = await SendAsync(method, args);
        if (reply["error"] is JsonObject error)
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]!;
    }

    private async Task<JsonNode> SendAsync(string method, params object[] args)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = "teos-tests",
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(args),
        };
        using var response = await _http.PostAsJsonAsync(string.Empty, request);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
