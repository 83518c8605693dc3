using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>What only the embedded store does: one file, its lock, its migrations, its durability across reopen.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.DatabasePath;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Everything_written_survives_closing_and_reopening()
    {
        var user = TestUsers.Subscription();
        var appointment = TestAppointments.For(user);
        var tracker = TestTransactions.TrackerFor(appointment, TrackerStatus.ConfirmedIn(301), reorged: true);
        var tip = new ChainTip(TestTransactions.RandomTxid(), 301);
        await using (var store = Open())
        {
            await store.WriteAsync(
                async (transaction, _) =>
                {
                    await transaction.SaveSubscriptionAsync(user);
                    await transaction.SaveAppointmentAsync(appointment);
                    await transaction.InsertTrackerAsync(tracker);
                    await transaction.SetTipAsync(tip);
                    return true;
                },
                None);
            await store.AddTowerKeyAsync(new string('a', 64), None);
        }

        await using var reopened = Open();

        Assert.Equal(user, await reopened.GetSubscriptionAsync(user.UserId, None));
        Assert.Equal(tip, await reopened.GetTipAsync(None));
        Assert.Equal(new string('a', 64), await reopened.GetOrAddTowerKeyAsync(new string('b', 64), None));
        var record = await reopened.GetAppointmentAsync(appointment.Uuid, None);
        Assert.Equal(appointment.EncryptedBlob, record!.Appointment.EncryptedBlob);
        Assert.Equal(tracker.Summary, record.Tracker!.Summary);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_is_refused_and_told_to_use_postgresql()
    {
        await using var first = Open();

        var refused = Assert.Throws<DatabaseInUseException>(Open);

        Assert.Contains($"database {DatabasePath} is in use by another teosd (lock file {DatabasePath}.lock)", refused.Message);
        Assert.Contains("SQLite serves one silo — use --dbconnect with PostgreSQL to run several", refused.Message);
    }

    [Fact]
    public async Task The_file_is_free_again_once_the_store_is_closed()
    {
        await (await Task.FromResult(Open())).DisposeAsync();

        await using var second = Open();

        Assert.Null(await second.GetTipAsync(None));
    }

    [Fact]
    public async Task Migrations_run_once_and_are_recorded()
    {
        await using (var first = Open())
            Assert.Equal(5, first.MigrationsApplied);

        await using (var second = Open())
            Assert.Equal(0, second.MigrationsApplied);

        Assert.Equal(5L, Scalar("SELECT count(*) FROM schema_migrations"));
        Assert.Equal("initial", Scalar("SELECT name FROM schema_migrations WHERE version = 1"));
        Assert.Equal("locator_cache_by_height", Scalar("SELECT name FROM schema_migrations WHERE version = 2"));
        Assert.Equal("locator_index_per_profile", Scalar("SELECT name FROM schema_migrations WHERE version = 3"));
        Assert.Equal("locator_cache_block_rows", Scalar("SELECT name FROM schema_migrations WHERE version = 4"));
        Assert.Equal("integer_user_key", Scalar("SELECT name FROM schema_migrations WHERE version = 5"));
    }

    [Fact]
    public async Task The_database_is_in_wal_mode_with_foreign_keys_declared()
    {
        await using (Open())
        {
        }

        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM pragma_foreign_key_list('appointments') WHERE \"table\" = 'users' AND on_delete = 'CASCADE'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM pragma_foreign_key_list('trackers') WHERE \"table\" = 'appointments' AND on_delete = 'CASCADE'"));
    }

    [Fact]
    public async Task Old_tower_keys_are_kept_when_a_new_one_is_added()
    {
        await using (var store = Open())
        {
            await store.AddTowerKeyAsync(new string('1', 64), None);
            await store.AddTowerKeyAsync(new string('2', 64), None);
        }

        Assert.Equal(2L, Scalar("SELECT count(*) FROM keys"));
        Assert.Equal(new string('1', 64), Scalar("SELECT key FROM keys WHERE id = 1"));
    }

    [Fact]
    public async Task A_database_from_a_newer_teosd_is_refused()
    {
        await using (Open())
        {
        }

        Scalar("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '') RETURNING version");

        var refused = Assert.Throws<InvalidOperationException>(Open);
        Assert.Contains("schema version 99", refused.Message);
    }

    private SqliteTowerStore Open() => SqliteTowerStore.Open(DatabasePath, NullLogger.Instance);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
