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

    public override async Task<TeosStorage> ReopenAsync(TeosStorage storage)
    {
        await storage.DisposeAsync();
        return await OpenAsync();
    }

    /// <summary>SQLite's max_page_count (the writer connection's) caps the file at its size: writes that need another page fail with SQLITE_FULL.</summary>
    public override async Task<IAsyncDisposable> FillUpAsync(TeosStorage storage)
    {
        var access = ((SqliteStorage)storage).Access;
        await access.WriteAsync(
            connection => connection.Execute($"PRAGMA max_page_count = {(long)connection.Command("PRAGMA page_count").ExecuteScalar()!}"),
            CancellationToken.None);
        return new Undo(() => access.WriteAsync(connection => connection.Execute("PRAGMA max_page_count = 4294967294"), CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();
}
