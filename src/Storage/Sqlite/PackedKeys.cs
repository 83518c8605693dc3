using System.Globalization;

namespace Teos.Storage.Sqlite;

/// <summary>
/// Passes a list of fixed-width keys to SQLite as ONE blob parameter, unpacked in SQL by <see cref="Unpack"/>.
/// Binding thousands of separate parameters is slow (parameter lookup is linear per name) and hits
/// SQLite's variable limit; one blob keeps a 4,000-transaction block to a single statement.
/// </summary>
internal static class PackedKeys
{
    /// <summary>Enough for any list a statement gets: <see cref="Positions"/> counts up to 100^4.</summary>
    public const int MaxKeys = 100 * 100 * 100 * 100;

    private static readonly string Digits =
        string.Join(", ", Enumerable.Range(0, 100).Select(d => string.Create(CultureInfo.InvariantCulture, $"({d})")));

    /// <summary>Concatenates the keys; <paramref name="write"/> fills exactly <paramref name="width"/> bytes.</summary>
    public static byte[] Pack<T>(IEnumerable<T> keys, int count, int width, SpanWriter<T> write)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxKeys);
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
    /// of blob parameter <paramref name="parameter"/>, in order (none for an empty blob).
    /// </summary>
    public static string Unpack(string name, string parameter, int width) =>
        $"""
        {Positions($"{name}_at", $"length({parameter}) / {width}")},
        {name}(key) AS (SELECT substr({parameter}, i * {width} + 1, {width}) FROM {name}_at)
        """;

    /// <summary>
    /// CTEs ending in <paramref name="name"/> with one column <c>i</c>: 0, 1, … up to <paramref name="count"/> - 1
    /// (an SQL expression), in order. Not a recursive CTE: SQLite runs those through a queue, which cost more than
    /// the 8,000 index seeks of a block's match. Four nested scans of 100 constant rows, the loop order fixed by
    /// CROSS JOIN, stopped by the LIMIT.
    /// </summary>
    public static string Positions(string name, string count) =>
        $"""
        {name}_digit(d) AS (VALUES {Digits}),
        {name}(i) AS (
            SELECT ((d1.d * 100 + d2.d) * 100 + d3.d) * 100 + d4.d
            FROM {name}_digit d1 CROSS JOIN {name}_digit d2 CROSS JOIN {name}_digit d3 CROSS JOIN {name}_digit d4
            LIMIT {count})
        """;
}

internal delegate void SpanWriter<in T>(T value, Span<byte> destination);
