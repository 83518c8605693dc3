using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Locators;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// Migrations 0002 to 0004 carry a running tower over: its locator cache to the height-keyed table and then to one
/// row per block, its appointments to one locator index per profile.
/// </summary>
public sealed class SqliteLocatorCacheMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_block_cached_before_the_migration_still_answers_both_profiles()
    {
        var block = TestTransactions.Block(5);
        var hash = TestTransactions.RandomTxid();
        var rust = TestUsers.Subscription(profile: ClientProfile.Rust);
        var python = TestUsers.Subscription(profile: ClientProfile.Python);
        var byRust = TestAppointments.For(rust, block[1].Rust);
        var byPython = TestAppointments.For(python, block[2].Python);
        await using (var store = Open())
        {
            await store.WriteAsync(async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(rust);
                await transaction.SaveSubscriptionAsync(python);
                await transaction.SaveAppointmentAsync(byRust);
                await transaction.SaveAppointmentAsync(byPython);
                return true;
            }, None);
        }

        RewindToInitialSchemaWith(hash, 300, block);

        await using var migrated = Open();
        Assert.Equal(3, migrated.MigrationsApplied);
        var breached = await migrated.WriteAsync(
            (transaction, _) => transaction.FindBreachedAsync(block.Select(t => t.Rust).ToArray(), block.Select(t => t.Python).ToArray(), 300, 6),
            None);
        Assert.Equal(
            new[] { byRust.Uuid.ToHex(), byPython.Uuid.ToHex() }.Order(StringComparer.Ordinal),
            breached.Select(appointment => appointment.Uuid.ToHex()).Order(StringComparer.Ordinal));
        var tx = block[3];
        Assert.Equal(new RecentBreach(tx.Txid, hash, 300), await FindRecent(migrated, tx.Rust, ClientProfile.Rust));
        Assert.Equal(new RecentBreach(tx.Txid, hash, 300), await FindRecent(migrated, tx.Python, ClientProfile.Python));
        Assert.Null(await FindRecent(migrated, tx.Rust, ClientProfile.Python));
    }

    /// <summary>The schema of migration 0001 with one cached block, as a tower from before 0002 left it.</summary>
    private void RewindToInitialSchemaWith(Protocol.Bitcoin.Txid hash, uint height, IReadOnlyList<TransactionLocators> block)
    {
        using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        Execute(
            connection,
            """
            DROP TABLE recent_blocks;
            CREATE TABLE recent_blocks (
                block_hash BLOB    NOT NULL PRIMARY KEY,
                height     INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE recent_transactions (
                block_hash     BLOB NOT NULL REFERENCES recent_blocks (block_hash) ON DELETE CASCADE,
                txid           BLOB NOT NULL,
                rust_locator   BLOB NOT NULL,
                python_locator BLOB NOT NULL,
                PRIMARY KEY (block_hash, txid)
            ) WITHOUT ROWID;
            DROP INDEX appointments_rust_locator;
            DROP INDEX appointments_python_locator;
            CREATE INDEX appointments_locator ON appointments (locator);
            DELETE FROM schema_migrations WHERE version >= 2;
            """);
        Execute(connection, "INSERT INTO recent_blocks (block_hash, height) VALUES ($hash, $height)", ("$hash", hash.InternalBytes.ToArray()), ("$height", (long)height));
        foreach (var tx in block)
        {
            Execute(
                connection,
                "INSERT INTO recent_transactions VALUES ($hash, $txid, $rust, $python)",
                ("$hash", hash.InternalBytes.ToArray()),
                ("$txid", tx.Txid.InternalBytes.ToArray()),
                ("$rust", tx.Rust.ToArray()),
                ("$python", tx.Python.ToArray()));
        }
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static Task<RecentBreach?> FindRecent(SqliteTowerStore store, Locator locator, ClientProfile profile) =>
        store.WriteAsync((transaction, _) => transaction.FindRecentBreachAsync(locator, profile), None);

    private SqliteTowerStore Open() => SqliteTowerStore.Open(_directory.DatabasePath, NullLogger.Instance);
}
