using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Conformance;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>The storage contract on SQLite, one fresh database file per test.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    protected override StorageBackend Backend { get; } = new SqliteBackend();
}
