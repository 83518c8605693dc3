namespace Teos.Api.Decoding;

/// <summary>The shape of a request body; <see cref="StructName"/> only appears in serde-style messages.</summary>
public sealed record BodySchema(string StructName, IReadOnlyList<FieldSpec> Fields)
{
    public IEnumerable<FieldSpec> Positional => Fields.Where(spec => !spec.NamedOnly);
}
