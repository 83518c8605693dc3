using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Storage.Hosting;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Backends;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>What only the embedded store does: one file, its lock, its migrations and settings, durability across reopen.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.DatabasePath;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Everything_written_survives_closing_and_reopening()
    {
        var user = TestUsers.NewUserId();
        var appointment = TestAppointments.For(user);
        await using (var storage = Open())
        {
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(user), new GrainState<UserState>(TestUsers.State()));
            await storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));
            await storage.TowerKeys.AddTowerKeyAsync(new string('a', 64), None);
        }

        await using var reopened = Open();

        var read = new GrainState<AppointmentState>();
        await reopened.Appointments.ReadStateAsync("appointment", TestAppointments.GrainOf(appointment), read);
        Assert.Equal(appointment.EncryptedBlob, read.State!.EncryptedBlob);
        Assert.Equal(new string('a', 64), await reopened.TowerKeys.GetOrAddTowerKeyAsync(new string('b', 64), None));
        Assert.Equal(0, reopened.MigrationsApplied);
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_is_refused_and_told_to_use_postgresql()
    {
        await using var first = Open();

        var refused = Assert.Throws<DatabaseInUseException>(() => Open());

        Assert.Contains($"database {DatabasePath} is in use by another teosd (lock file {DatabasePath}.lock)", refused.Message);
        Assert.Contains("use --dbconnect with PostgreSQL to run several", refused.Message);
    }

    [Fact]
    public async Task The_file_is_free_again_once_the_store_is_closed()
    {
        await Open().DisposeAsync();

        await using var second = Open();

        Assert.Equal(0, second.MigrationsApplied);
    }

    [Fact]
    public async Task A_backup_of_a_running_store_opens_as_a_store_with_everything_acknowledged()
    {
        var user = TestUsers.NewUserId();
        var appointment = TestAppointments.For(user);
        var copy = Path.Combine(_directory.Path, "backup", "teos_db.sql3");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await using (var storage = Open())
        {
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(user), new GrainState<UserState>(TestUsers.State()));
            await storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));

            Assert.True(SqliteBackup.IsInUse(DatabasePath));
            SqliteBackup.Copy(DatabasePath, copy);
        }

        await using var restored = SqliteStorage.Open(copy, StorageBackend.Options, NullLogger.Instance);
        Assert.Equal(0, restored.MigrationsApplied);
        var read = new GrainState<AppointmentState>();
        await restored.Appointments.ReadStateAsync("appointment", TestAppointments.GrainOf(appointment), read);
        Assert.Equal(appointment.EncryptedBlob, read.State!.EncryptedBlob);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_wal_and_shm_are_created_owner_only()
    {
        // Whatever the test process's umask (typically 022, which would leave them readable by everyone).
        await using var storage = Open();
        await storage.TowerKeys.AddTowerKeyAsync(new string('a', 64), None);

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task A_read_that_cannot_open_the_file_is_refused_as_storage_unavailable()
    {
        await using var storage = Open();
        var network = Path.GetDirectoryName(DatabasePath)!;

        // The volume went away: the open writer keeps its file, a new reader connection finds none.
        Directory.Move(network, network + "-gone");
        try
        {
            var refusal = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.OperatorQueries.GetCountsAsync(default, None));
            Assert.IsType<SqliteException>(refusal.InnerException);
        }
        finally
        {
            Directory.Move(network + "-gone", network);
        }

        Assert.Equal(0, (await storage.OperatorQueries.GetCountsAsync(default, None)).Users);
    }

    [Fact]
    public async Task Migrations_run_once_and_are_recorded()
    {
        await using (var first = Open())
            Assert.Equal(6, first.MigrationsApplied);

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)";
        Assert.Equal("1,2,3,4,5,6", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_schema_newer_than_this_teosd_is_refused()
    {
        await Open().DisposeAsync();
        Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '')");

        var refused = Assert.Throws<InvalidOperationException>(() => Open());

        Assert.Contains("has schema version 99, newer than this teosd knows (6)", refused.Message);
    }

    [Fact]
    public async Task A_database_of_another_bucket_width_is_refused()
    {
        await Open().DisposeAsync();

        var refused = Assert.Throws<StorageSettingsException>(() => Open(StorageBackend.Options with { BucketBits = 12 }));

        Assert.Contains("records bucket_bits = 10, but this teosd uses 12", refused.Message);
    }

    [Fact]
    public async Task A_canonical_signature_is_stored_as_its_65_bytes_and_other_text_as_text()
    {
        var user = TestUsers.NewUserId();
        var canonical = TestAppointments.For(user);
        var text = TestAppointments.For(user) with { UserSignature = TestAppointments.Signature.ToUpperInvariant() };
        await using (var storage = Open())
        {
            await storage.Users.WriteStateAsync("user", TestUsers.GrainOf(user), new GrainState<UserState>(TestUsers.State()));
            foreach (var appointment in new[] { canonical, text })
                await storage.Appointments.WriteStateAsync("appointment", TestAppointments.GrainOf(appointment), new GrainState<AppointmentState>(appointment));
        }

        Assert.Equal("blob:65", Scalar($"SELECT typeof(user_signature) || ':' || length(user_signature) FROM appointments WHERE locator = x'{canonical.Locator.ToHex()}'"));
        Assert.Equal("text:104", Scalar($"SELECT typeof(user_signature) || ':' || length(user_signature) FROM appointments WHERE locator = x'{text.Locator.ToHex()}'"));
    }

    private SqliteStorage Open(StorageOptions? options = null) => SqliteStorage.Open(DatabasePath, options ?? StorageBackend.Options, NullLogger.Instance);

    private void Execute(string sql) => Scalar(sql);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
