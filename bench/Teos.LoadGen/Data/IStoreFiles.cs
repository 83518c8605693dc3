namespace Teos.LoadGen.Data;

/// <summary>Direct access to a stopped tower's store: a bulk load, its size on disk.</summary>
public interface IStoreFiles
{    Task LoadAsync(Dataset dataset, uint height);

    /// <summary>Bytes the store occupies on disk (SQLite: file + WAL; PostgreSQL: the database).</summary>
    Task<long> SizeBytesAsync();
}
