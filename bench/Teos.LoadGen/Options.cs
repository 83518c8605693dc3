using System.Globalization;

namespace Teos.LoadGen;

/// <summary>`--name value` pairs after the command.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"expected --option, got '{name}'");
            _values[name[2..]] = e.MoveNext() ? e.Current : throw new ArgumentException($"--{name[2..]} needs a value");
        }
    }

    public string Str(string name, string fallback)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name, fallback);
    }

    public string? StrOrNull(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback) => (int)Double(name, fallback);

    public double Double(string name, double fallback)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
    }

    public long[] Longs(string name, string fallback) =>
        Str(name, fallback).Split(',').Select(s => (long)double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Fails on options no command asked for (typos).</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
