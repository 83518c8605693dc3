using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Teos.BitcoindSim.Tests;

/// <summary>A bare JSON-RPC caller for the simulator's tests: shows status codes and bodies exactly as sent.</summary>
internal sealed class SimRpc(Uri endpoint, string user = "user", string password = "pass") : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string User { get; set; } = user;

    public string Password { get; set; } = password;

    public async Task<(int Status, JsonNode? Body)> PostAsync(string method, params object[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = "test",
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters),
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json") };
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode?> CallAsync(string method, params object[] parameters)
    {
        var (status, body) = await PostAsync(method, parameters);
        if (status != 200)
            throw new InvalidOperationException($"{method}: HTTP {status} {body?.ToJsonString()}");
        return body!["result"];
    }

    public void Dispose() => _http.Dispose();
}
