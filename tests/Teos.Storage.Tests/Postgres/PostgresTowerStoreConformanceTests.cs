using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Store;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Conformance;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>The store contract on PostgreSQL, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTowerStoreConformanceTests(PostgresFixture postgres) : TowerStoreConformanceTests
{
    protected override async Task<ITowerStore> CreateStoreAsync() =>
        await PostgresTowerStore.OpenAsync(await postgres.Server.CreateDatabaseAsync(), NullLogger.Instance, CancellationToken.None);
}
