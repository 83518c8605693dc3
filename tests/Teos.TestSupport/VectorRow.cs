using System.Text.Json;

namespace Teos.TestSupport;

/// <summary>One entry of a vectors.json section, named "section[index]" in test output.</summary>
public sealed record VectorRow(string Section, int Index, string Json)
{
    public JsonElement Entry => JsonDocument.Parse(Json).RootElement;

    public string Str(string name) => Entry.GetProperty(name).GetString()!;

    public string? OptionalStr(string name) =>
        Entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long Num(string name) => Entry.GetProperty(name).GetInt64();

    public override string ToString() => $"{Section}[{Index}]";
}
