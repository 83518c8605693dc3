using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Teos.Playground;

/// <summary>The few JSON-RPC calls the tour makes to the simulator, as bitcoin-cli would.</summary>
public sealed class SimulatorRpc : IDisposable
{
    private readonly HttpClient _http;

    public SimulatorRpc(PlaygroundState state)
    {
        _http = new HttpClient { BaseAddress = state.Bitcoind, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{state.RpcUser}:{state.RpcPassword}")));
    }

    public async Task<JsonNode?> CallAsync(string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "1.0", ["id"] = "tour", ["method"] = method, ["params"] = new JsonArray(parameters) };
        using var response = await _http.PostAsJsonAsync(string.Empty, request);
        var reply = await response.Content.ReadFromJsonAsync<JsonNode>()
            ?? throw new InvalidOperationException($"{method}: empty answer (HTTP {(int)response.StatusCode})");
        if (reply["error"] is JsonObject error)
            throw new InvalidOperationException($"{method}: {error["message"]} ({error["code"]})");
        return reply["result"];
    }

    public void Dispose() => _http.Dispose();
}
