using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NBitcoin;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Sqlite;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// A database made by the first teosd is brought up to date with its data intact: the locator cache (migrations
/// 0002 and 0004), one locator index per profile (0003), and users and appointments rebuilt around an integer
/// owner key (0005) without the rebuild cascading to the trackers.
/// </summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_v1_database_keeps_its_users_appointments_trackers_and_locator_cache()
    {
        var block = TestTransactions.Block(5);
        var hash = TestTransactions.RandomTxid();
        var rust = TestUsers.Subscription(slots: 90, profile: ClientProfile.Rust);
        var python = TestUsers.Subscription(profile: ClientProfile.Python);
        var byRust = TestAppointments.For(rust, block[1].Rust);
        var byPython = TestAppointments.For(python, block[2].Python);
        var responded = TestAppointments.For(rust);
        var tracker = TestTransactions.TrackerFor(responded, TrackerStatus.ConfirmedIn(301));
        CreateV1Database(
            [rust, python],
            [byRust, byPython with { UserSignature = "written as text before signatures were packed" }, responded],
            tracker,
            (hash, 300, block));

        await using var migrated = Open();

        Assert.Equal(4, migrated.MigrationsApplied);
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

        var kept = (await migrated.GetAppointmentAsync(byPython.Uuid, None))!.Appointment;
        Assert.Equal(byPython with { UserSignature = "written as text before signatures were packed" }, kept with { EncryptedBlob = byPython.EncryptedBlob });
        Assert.Equal(tracker.PenaltyTx.GetHash(), (await migrated.GetAppointmentAsync(responded.Uuid, None))!.Tracker!.PenaltyTx.GetHash());
        Assert.Equal(new TowerCounts(2, 2, 1, ConfirmedTrackers: 1), await migrated.GetCountsAsync(None));

        // The owner key works both ways: a refund reaches the owner, and a new user draws a key of its own.
        await migrated.WriteAsync(async (transaction, _) =>
        {
            await transaction.DeleteAppointmentsAsync([responded.Uuid], refund: true);
            return true;
        }, None);
        Assert.Equal(91u, (await migrated.GetSubscriptionAsync(rust.UserId, None))!.AvailableSlots);
        var newcomer = TestUsers.Subscription();
        var first = TestAppointments.For(newcomer);
        await migrated.WriteAsync(async (transaction, _) =>
        {
            await transaction.SaveSubscriptionAsync(newcomer);
            await transaction.SaveAppointmentAsync(first);
            return true;
        }, None);
        Assert.Equal(newcomer.UserId, (await migrated.GetAppointmentAsync(first.Uuid, None))!.Appointment.UserId);
        Assert.Equal(rust.UserId, (await migrated.GetAppointmentAsync(byRust.Uuid, None))!.Appointment.UserId);
    }

    /// <summary>Migration 0001's schema and rows in its shape, as the first teosd left them.</summary>
    private void CreateV1Database(
        IEnumerable<Grains.Users.Subscription> users,
        IEnumerable<Grains.Appointments.Appointment> appointments,
        Tracker tracker,
        (uint256 Hash, uint Height, IReadOnlyList<TransactionLocators> Transactions) cached)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DatabasePath)!);
        using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        connection.Open();
        Execute(connection, V1Schema());
        Execute(connection, "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        Execute(connection, "INSERT INTO schema_migrations VALUES (1, 'initial', '')");
        foreach (var user in users)
        {
            Execute(connection, "INSERT INTO users VALUES ($id, $slots, $start, $expiry, $profile)",
                ("$id", user.UserId.ToArray()), ("$slots", (long)user.AvailableSlots), ("$start", (long)user.Start),
                ("$expiry", (long)user.Expiry), ("$profile", (long)user.Profile));
        }

        foreach (var appointment in appointments)
        {
            Execute(connection, "INSERT INTO appointments VALUES ($uuid, $locator, $blob, $delay, $signature, $start, $user, $profile)",
                ("$uuid", appointment.Uuid.ToArray()), ("$locator", appointment.Locator.ToArray()), ("$blob", appointment.EncryptedBlob),
                ("$delay", (long)appointment.ToSelfDelay), ("$signature", appointment.UserSignature), ("$start", (long)appointment.StartBlock),
                ("$user", appointment.UserId.ToArray()), ("$profile", (long)appointment.Profile));
        }

        Execute(connection, "INSERT INTO trackers VALUES ($uuid, $dispute, $txid, $penalty, $height, $confirmed, 0)",
            ("$uuid", tracker.Uuid.ToArray()), ("$dispute", tracker.DisputeTx.ToBytes()),
            ("$txid", tracker.PenaltyTx.GetHash().ToBytes()), ("$penalty", tracker.PenaltyTx.ToBytes()),
            ("$height", (long)tracker.Status.Height), ("$confirmed", tracker.Status.Confirmed ? 1L : 0L));
        Execute(connection, "INSERT INTO recent_blocks (block_hash, height) VALUES ($hash, $height)", ("$hash", cached.Hash.ToBytes()), ("$height", (long)cached.Height));
        foreach (var tx in cached.Transactions)
        {
            Execute(
                connection,
                "INSERT INTO recent_transactions VALUES ($hash, $txid, $rust, $python)",
                ("$hash", cached.Hash.ToBytes()),
                ("$txid", tx.Txid.ToBytes()),
                ("$rust", tx.Rust.ToArray()),
                ("$python", tx.Python.ToArray()));
        }
    }

    private static string V1Schema()
    {
        using var stream = typeof(SqliteTowerStore).Assembly.GetManifestResourceStream("Teos.Storage.Sqlite.Migrations.0001_initial.sql")!;
        return new StreamReader(stream).ReadToEnd();
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
