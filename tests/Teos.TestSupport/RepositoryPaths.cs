using System.Runtime.CompilerServices;

namespace Teos.TestSupport;

/// <summary>Locates the repository and the shared spec folder beside it, wherever the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedSpec => Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec"));

    public static string VectorsFile => Path.Combine(SharedSpec, "vectors.json");

    // Builds may put binaries outside the tree (--artifacts-path), so start from where this file was compiled.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Teos.sln")))
                    return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Teos.sln not found above {sourceFile} or {AppContext.BaseDirectory}");
    }
}
