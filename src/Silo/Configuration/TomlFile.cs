using System.Globalization;

namespace Teos.Silo.Configuration;

/// <summary>
/// Reads the flat `key = value` subset of TOML that rust-teos writes to teos.toml, so operators can bring their
/// file: strings in double quotes, integers, floats and booleans, `#` comments. Tables and arrays are not
/// settings teosd has, so a line using them is an error.
/// </summary>
public static class TomlFile
{
    public static Dictionary<string, string?> Parse(string text, string source)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0)
                continue;

            var equals = line.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"{source}:{lineNumber}: expected `key = value`");
            var key = line[..equals].Trim();
            values[key] = ParseValue(line[(equals + 1)..].Trim(), source, lineNumber);
        }

        return values;
    }

    private static string ParseValue(string value, string source, int lineNumber)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        if (value is "true" or "false")
            return value;
        if (double.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return value.Replace("_", string.Empty, StringComparison.Ordinal);
        throw new FormatException($"{source}:{lineNumber}: unsupported value `{value}` (strings must be quoted)");
    }

    private static string StripComment(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\'))
                inString = !inString;
            else if (line[i] == '#' && !inString)
                return line[..i];
        }

        return line;
    }
}
