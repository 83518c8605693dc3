namespace Teos.Api.Decoding;

/// <summary>The fields of a successfully decoded body, by name; absent optional fields are simply missing.</summary>
public sealed class DecodedBody
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public bool Has(string name) => _values.ContainsKey(name);

    public HexValue? Hex(string name) => Get<HexValue>(name);

    public string? Text(string name) => Get<string>(name);

    public uint UInt32(string name) => _values.TryGetValue(name, out var value) && value is uint number ? number : 0;

    public DecodedBody? Struct(string name) => Get<DecodedBody>(name);

    internal void Set(string name, object? value) => _values[name] = value;

    private T? Get<T>(string name) where T : class => _values.TryGetValue(name, out var value) ? value as T : null;
}
