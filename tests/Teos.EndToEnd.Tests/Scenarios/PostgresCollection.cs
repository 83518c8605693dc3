using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL silos";
}
