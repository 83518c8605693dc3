using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Conformance;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>The storage contract on PostgreSQL, one fresh database per test; "state" is Orleans' Persistence.AdoNet.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageConformanceTests(PostgresFixture postgres) : StorageConformanceTests
{
    protected override StorageBackend Backend { get; } = new PostgresBackend(postgres);
}
