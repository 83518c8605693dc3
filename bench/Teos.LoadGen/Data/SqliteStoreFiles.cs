namespace Teos.LoadGen.Data;

public sealed class SqliteStoreFiles(string dataDir) : IStoreFiles
{
    public string DbPath { get; } = Path.Combine(dataDir, "regtest", "teos_db.sql3");

    public Task LoadAsync(Dataset dataset, uint height)
    {
        SqliteBulkLoader.Load(DbPath, dataset, height);
        return Task.CompletedTask;
    }

    public Task<long> SizeBytesAsync()
    {
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        return Task.FromResult(Size(DbPath) + Size(DbPath + "-wal"));
    }
}
