namespace Teos.Storage.Tests.Sqlite;

/// <summary>A directory of its own for one test's database, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "teos-store-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where teosd puts it: &lt;datadir&gt;/&lt;network&gt;/teos_db.sql3.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "regtest", "teos_db.sql3");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir must not fail the test.
        }
    }
}
