using System.Net;
using System.Text.Json;

namespace Teos.Cli.Client;

/// <summary>A tower's HTTP answer: status and JSON body (<see cref="JsonValueKind.Undefined"/> when the body is not JSON).</summary>
public sealed record TowerAnswer(HttpStatusCode Status, JsonElement Body, string Text)
{
    public bool IsSuccess => Status == HttpStatusCode.OK;

    /// <summary>The tower's error message (spec 3.2 <c>{"error", "error_code"}</c>) or the raw body.</summary>
    public string Error =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error)
            ? $"{error.GetString()}{(Body.TryGetProperty("error_code", out var code) ? $" (error_code {code})" : string.Empty)}"
            : Text.Length == 0 ? "no details" : Text;

    public string String(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ClientException($"the tower's answer lacks `{name}`: {Text}");

    public uint UInt(string name) =>
        Body.TryGetProperty(name, out var value) && value.TryGetUInt32(out var number)
            ? number
            : throw new ClientException($"the tower's answer lacks `{name}`: {Text}");
}
