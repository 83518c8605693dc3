using Teos.LoadGen.Processes;

namespace Teos.LoadGen.Data;

public static class StoreFiles
{
    public static IStoreFiles For(string dataDir, Backend backend) =>
        backend.IsPostgres ? new PostgresStoreFiles(backend.ConnectionString!) : new SqliteStoreFiles(dataDir);
}
