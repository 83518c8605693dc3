using System.Text.Json;

namespace Teos.TestSupport;

/// <summary>
/// The protocol test vectors, read from ../shared/spec/vectors.json at test time so that new vectors
/// are picked up without code changes.
/// </summary>
public static class SpecVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(RepositoryPaths.VectorsFile)));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Section(string name) => Root.GetProperty(name);

    /// <summary>The entries of an array section, one xunit row each (as JSON text, so rows serialize and show by index).</summary>
    public static IEnumerable<object[]> Rows(string section) =>
        Section(section).EnumerateArray().Select((entry, index) => new object[] { new VectorRow(section, index, entry.GetRawText()) });
}
