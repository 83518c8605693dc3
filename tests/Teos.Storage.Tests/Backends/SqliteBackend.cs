using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Teos.Storage.Hosting;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Sqlite;

namespace Teos.Storage.Tests.Backends;

/// <summary>A fresh SQLite file per store, in a directory removed on dispose.</summary>
public sealed class SqliteBackend : StorageBackend, IDisposable
{
    private readonly TempDirectory _directory = new();

    public override string Name => "SQLite";

    public string DatabasePath => _directory.DatabasePath;

    public override Task<TeosStorage> OpenAsync() => Task.FromResult<TeosStorage>(SqliteStorage.Open(DatabasePath, Options, NullLogger.Instance));

    public override Task<IGrainStorage> StateStorageAsync(TeosStorage storage) =>
        Task.FromResult(((SqliteStorage)storage).CreateStateStorage(TestSerialization.GrainStorageSerializer));

    public override Task<long> ScalarAsync(TeosStorage storage, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _directory.Dispose();
}
