using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Backends;
using Teos.TestSupport.Postgres;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>One throwaway PostgreSQL server for every PostgreSQL test of this assembly.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server is not started");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    /// <summary>A new database with the store's schema, and no rows. Returns its connection string.</summary>
    public async Task<string> MigratedDatabaseAsync()
    {
        var database = await Server.CreateDatabaseAsync();
        await (await PostgresStorage.OpenAsync(database, StorageBackend.Options, NullLogger.Instance, CancellationToken.None)).DisposeAsync();
        return database;
    }

    /// <summary>
    /// A database migrated by the store, with <paramref name="rows"/> appointments spread over the first
    /// <paramref name="profiles"/> profiles (rust-teos, then python-teos) and over <paramref name="users"/> users (a
    /// multiple of <paramref name="profiles"/>), each appointment held by a user of its profile, every tenth one
    /// triggered, and vacuumed and analyzed like a running tower's. Returns its connection string.
    /// </summary>
    public async Task<string> DatabaseWithAppointmentsAsync(int rows, int profiles, int users = 2)
    {
        var database = await MigratedDatabaseAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await connection.Command(
            $"""
            INSERT INTO users (user_id, slot_allowance, subscription_start, subscription_expiry, deletion_height, profile, user_key)
            SELECT int4send(k), 10, 1, 1000, 1006, k % {profiles}, k FROM generate_series(0, {users - 1}) k
            """).RunAsync(CancellationToken.None);
        await connection.Command(
            $"""
            INSERT INTO appointments (tower, to_self_delay, start_block, profile, locator, uuid, user_key, encrypted_blob, user_signature, triggered)
            SELECT 0, 42, 1, i % {profiles}, md5(i::text)::uuid, decode(md5('u' || i), 'hex'), i % {users}, '\x00', '\x0073', i % 10 = 0
            FROM generate_series(1, {rows}) i
            """).RunAsync(CancellationToken.None);
        await connection.Command("VACUUM ANALYZE").RunAsync(CancellationToken.None);
        return database;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
