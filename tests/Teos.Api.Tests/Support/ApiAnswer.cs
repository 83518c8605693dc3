using System.Text.Json;

namespace Teos.Api.Tests.Support;

/// <summary>One HTTP answer of the tower, as received on the wire.</summary>
public sealed record ApiAnswer(int Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int ErrorCode => Json.GetProperty("error_code").GetInt32();

    public string Error => Json.GetProperty("error").GetString()!;

    public IReadOnlyList<string> Keys => Json.EnumerateObject().Select(property => property.Name).ToList();

    public override string ToString() => $"{Status} {ContentType} {Body}";
}
