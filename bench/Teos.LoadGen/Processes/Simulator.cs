using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Teos.Protocol.Bitcoin;

namespace Teos.LoadGen.Processes;

/// <summary>The bitcoind simulator as a child process, driven over its JSON-RPC.</summary>
public sealed class Simulator : IAsyncDisposable
{
    public const string User = "teos";
    public const string Password = "bench-password";

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

    public static async Task<Simulator> StartAsync(int initialBlocks = 110)
    {
        var process = ChildProcess.Start("Teos.BitcoindSim.dll",
            ["--port", "0", "--rpcuser", User, "--rpcpassword", Password, "--blocks", initialBlocks.ToString(CultureInfo.InvariantCulture)],
            "sim");
        var line = await process.WaitForLineAsync(@"listening on 127\.0\.0\.1:(\d+)", TimeSpan.FromSeconds(60));
        return new Simulator(process, int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    public async Task<int> HeightAsync() => (await CallAsync("getblockcount")).GetValue<int>();

    public async Task<string> BestBlockHashAsync() => (await CallAsync("getbestblockhash")).GetValue<string>();

    /// <summary>Mines blocks; the first holds <paramref name="transactions"/>, then the mempool.</summary>
    public async Task MineAsync(int blocks, params Transaction[] transactions) =>
        await CallAsync("sim_mine", blocks, Hexes(transactions), true);

    /// <summary>One block of <paramref name="count"/> synthetic transactions plus <paramref name="extra"/>.</summary>
    public async Task MineSyntheticAsync(int count, params Transaction[] extra) =>
        await CallAsync("sim_minesynthetic", count, Hexes(extra));

    public async Task<IReadOnlyList<string>> MempoolAsync() =>
        (await CallAsync("getrawmempool")).AsArray().Select(t => t!.GetValue<string>()).ToList();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private static JsonArray Hexes(Transaction[] transactions) => new([.. transactions.Select(tx => (JsonNode)tx.ToHex())]);

    private async Task<JsonNode> CallAsync(string method, params object[] args)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = "bench",
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(args),
        };
        using var response = await _http.PostAsJsonAsync(string.Empty, request);
        var reply = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        if (reply["error"] is JsonObject error)
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"]!;
    }
}
