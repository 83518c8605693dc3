namespace Teos.TestSupport;

/// <summary>Locates the repository and the shared spec folder beside it, wherever the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedSpec => Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec"));

    public static string VectorsFile => Path.Combine(SharedSpec, "vectors.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Teos.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"Teos.sln not found above {AppContext.BaseDirectory}");
    }
}
