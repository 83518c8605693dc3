using System.Net;
using System.Text.Json;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>An HTTP answer of the tower: status, raw body, and the body as JSON when it is JSON.</summary>
public sealed record TowerResponse(HttpStatusCode Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    public uint UInt(string name) => Json.GetProperty(name).GetUInt32();

    public override string ToString() => $"{(int)Status} {Body}";
}
