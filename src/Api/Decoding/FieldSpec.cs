namespace Teos.Api.Decoding;

/// <summary>One field of a request struct, in rust-teos declaration order (that order decides which missing field is named).</summary>
public sealed record FieldSpec(string Name, FieldKind Kind, BodySchema? Struct = null)
{
    /// <summary>
    /// Absence is not a decoding error. For a struct field, JSON null also means absent (rust-teos `Option`);
    /// the endpoint then decides what absence means.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>Bound by name only, never by position in the array form: not a field of rust-teos' struct (spec 9).</summary>
    public bool NamedOnly { get; init; }
}
