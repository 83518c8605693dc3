using System.Globalization;

namespace Teos.Grains.Storage;

/// <summary>
/// The tower a grain key or a stored row belongs to (DESIGN.md section 1). Teos serves one default tower today;
/// every key and row carries this number so that several towers per cluster can come later without re-keying.
/// Grain keys are <c>"&lt;tower&gt;/&lt;id&gt;"</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("teos.tower-key")]
public readonly record struct TowerKey([property: Id(0)] short Value)
{
    public static TowerKey Default => new(0);

    /// <summary>The grain key of <paramref name="id"/> within this tower.</summary>
    public string Scope(string id) => string.Create(CultureInfo.InvariantCulture, $"{Value}/{id}");

    /// <summary>Splits a scoped grain key into its tower and the id within it.</summary>
    /// <exception cref="FormatException">The key has no tower prefix.</exception>
    public static (TowerKey Tower, string Id) Split(string scopedKey)
    {
        var slash = scopedKey.IndexOf('/');
        if (slash <= 0 || !short.TryParse(scopedKey.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var tower))
            throw new FormatException($"'{scopedKey}' is not a tower-scoped key (<tower>/<id>)");
        return (new TowerKey(tower), scopedKey[(slash + 1)..]);
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
