using System.Reflection;
using System.Text.RegularExpressions;

namespace Teos.Storage;

/// <summary>
/// A numbered, forward-only schema change shipped as an embedded <c>NNNN_name.sql</c> resource. Each backend
/// has its own folder of them (its own resource prefix) and its own runner.
/// </summary>
internal sealed partial record Migration(int Version, string Name, string Sql)
{
    /// <summary>Every embedded migration under <paramref name="resourcePrefix"/>, in version order.</summary>
    public static IReadOnlyList<Migration> Load(string resourcePrefix)
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal))
                continue;
            var match = FileName().Match(resource[resourcePrefix.Length..]);
            if (!match.Success)
                throw new InvalidOperationException($"Migration resource {resource} is not named NNNN_name.sql");
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, Read(assembly, resource)));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3...: found {migrations[i].Version} at position {i + 1}");
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
