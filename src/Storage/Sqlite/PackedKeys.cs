namespace Teos.Storage.Sqlite;

/// <summary>
/// Passes a list of fixed-width keys to SQLite as ONE blob parameter, unpacked in SQL by <see cref="Unpack"/>.
/// Binding thousands of separate parameters is slow (parameter lookup is linear per name) and hits
/// SQLite's variable limit; one blob keeps a 4,000-transaction block to a single statement.
/// </summary>
internal static class PackedKeys
{
    /// <summary>Concatenates the keys; <paramref name="write"/> fills exactly <paramref name="width"/> bytes.</summary>
    public static byte[] Pack<T>(IEnumerable<T> keys, int count, int width, SpanWriter<T> write)
    {
        var packed = new byte[count * width];
        var offset = 0;
        foreach (var key in keys)
        {
            write(key, packed.AsSpan(offset, width));
            offset += width;
        }

        if (offset != packed.Length)
            throw new InvalidOperationException($"Expected {count} keys, got {offset / width}");
        return packed;
    }

    /// <summary>
    /// A CTE named <paramref name="name"/> with one column <c>key</c>: the <paramref name="width"/>-byte slices
    /// of blob parameter <paramref name="parameter"/> (none for an empty blob).
    /// </summary>
    public static string Unpack(string name, string parameter, int width) =>
        $"""
        {name}_at(n) AS (
            SELECT 0 WHERE length({parameter}) >= {width}
            UNION ALL
            SELECT n + {width} FROM {name}_at WHERE n + {width} < length({parameter})),
        {name}(key) AS (SELECT substr({parameter}, n + 1, {width}) FROM {name}_at)
        """;
}

internal delegate void SpanWriter<in T>(T value, Span<byte> destination);
