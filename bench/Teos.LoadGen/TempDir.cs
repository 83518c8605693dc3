namespace Teos.LoadGen;

/// <summary>A scratch directory deleted on dispose (datasets are large: never leave them behind).</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string? root, string prefix)
    {
        var parent = root ?? System.IO.Path.GetTempPath();
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public bool Keep { get; set; }

    public void Dispose()
    {
        if (Keep)
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
