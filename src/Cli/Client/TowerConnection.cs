using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Teos.Cli.Client;

/// <summary>The tower's public HTTP API (spec 3): JSON POSTs with a Content-Length, as every TEOS client sends them.</summary>
public sealed class TowerConnection(Uri tower) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = tower, Timeout = TimeSpan.FromSeconds(60) };

    public Uri Tower => tower;

    public async Task<TowerAnswer> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync(path, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new TowerAnswer(response.StatusCode, Parse(text), text);
        }
        catch (HttpRequestException e)
        {
            throw new ClientException($"cannot reach the tower at {tower}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientException($"the tower at {tower} did not answer within {_http.Timeout.TotalSeconds} s", e);
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
