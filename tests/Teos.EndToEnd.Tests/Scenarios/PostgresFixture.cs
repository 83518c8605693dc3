using Teos.TestSupport.Postgres;
using Xunit;

namespace Teos.EndToEnd.Tests.Scenarios;

/// <summary>One throwaway PostgreSQL server for every multi-silo test; each test gets its own database.</summary>
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
