using Teos.TestSupport.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>One throwaway PostgreSQL server for every PostgreSQL test of this assembly.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server is not started");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
