using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Store;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Conformance;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>The store contract on SQLite, one fresh database file per test.</summary>
public sealed class SqliteTowerStoreConformanceTests : TowerStoreConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<ITowerStore> CreateStoreAsync() =>
        Task.FromResult<ITowerStore>(SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
