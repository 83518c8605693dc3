using Xunit;

namespace Teos.Api.Tests.Support;

/// <summary>One default-configured tower shared by the tests that do not change its settings or bitcoind.</summary>
public sealed class DefaultTower : IAsyncLifetime
{
    public TowerUnderTest Tower { get; private set; } = null!;

    public async Task InitializeAsync() => Tower = await TowerUnderTest.StartAsync();

    public async Task DisposeAsync() => await Tower.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DefaultTowerCollection : ICollectionFixture<DefaultTower>
{
    public const string Name = "default tower";
}
