using Microsoft.Extensions.Logging.Abstractions;
using NBitcoin;
using Npgsql;
using Teos.Grains.Locators;
using Teos.Grains.Trackers;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>A database made by an older teosd is brought up to date with its data intact.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task A_v1_database_keeps_its_users_appointments_trackers_and_locator_cache()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var user = TestUsers.Subscription(slots: 90);
        var watched = TestAppointments.For(user);
        var responded = TestAppointments.For(user);
        var tracker = TestTransactions.TrackerFor(responded, TrackerStatus.ConfirmedIn(301));
        var cachedBlock = TestTransactions.Block(5);
        var cachedHash = TestTransactions.RandomTxid();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await connection.Command(V1Schema()).RunAsync(None);
            await connection.Command("CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").RunAsync(None);
            await connection.Command("INSERT INTO schema_migrations (version, name) VALUES (1, 'initial')").RunAsync(None);
            await connection.Command("INSERT INTO users VALUES ($1, $2, $3, $4, $5)",
                user.UserId.ToArray(), (long)user.AvailableSlots, (long)user.Start, (long)user.Expiry, (short)user.Profile).RunAsync(None);
            foreach (var appointment in new[] { watched, responded })
            {
                await connection.Command("INSERT INTO appointments (uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_id, profile) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    appointment.Uuid.ToArray(), appointment.Locator.ToArray(), appointment.EncryptedBlob, (long)appointment.ToSelfDelay,
                    appointment.UserSignature, (long)appointment.StartBlock, appointment.UserId.ToArray(), (short)appointment.Profile).RunAsync(None);
            }

            await connection.Command("INSERT INTO trackers VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                responded.Uuid.ToArray(), responded.Locator.ToArray(), (long)tracker.Status.Height, tracker.Status.Confirmed, tracker.Reorged,
                tracker.PenaltyTx.GetHash().ToBytes(), tracker.DisputeTx.ToBytes(), tracker.PenaltyTx.ToBytes()).RunAsync(None);
            await connection.Command("INSERT INTO recent_blocks VALUES ($1, $2)", cachedHash.ToBytes(), 300L).RunAsync(None);
            foreach (var tx in cachedBlock)
            {
                await connection.Command("INSERT INTO recent_transactions VALUES ($1, $2, $3, $4)",
                    cachedHash.ToBytes(), tx.Txid.ToBytes(), tx.Rust.ToArray(), tx.Python.ToArray()).RunAsync(None);
            }
        }

        await using var store = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);

        Assert.Equal(5, store.MigrationsApplied);
        var cached = cachedBlock[3];
        Assert.Equal(new RecentBreach(cached.Txid, cachedHash, 300), await FindRecentAsync(store, cached.Rust, ClientProfile.Rust));
        Assert.Equal(new RecentBreach(cached.Txid, cachedHash, 300), await FindRecentAsync(store, cached.Python, ClientProfile.Python));
        Assert.Null(await FindRecentAsync(store, cached.Rust, ClientProfile.Python));
        Assert.Equal(90u, (await store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
        var kept = (await store.GetAppointmentAsync(watched.Uuid, None))!;
        Assert.Equal(watched.EncryptedBlob, kept.Appointment.EncryptedBlob);
        Assert.Equal(watched, kept.Appointment with { EncryptedBlob = watched.EncryptedBlob });
        Assert.Null(kept.Tracker);
        Assert.Equal(tracker.PenaltyTx.GetHash(), (await store.GetAppointmentAsync(responded.Uuid, None))!.Tracker!.PenaltyTx.GetHash());
        Assert.Equal(watched.Uuid, Assert.Single(await store.GetAppointmentsByLocatorAsync(watched.Locator, None)).Appointment.Uuid);

        // Still one row per uuid after the upgrade: storing again replaces, deleting cascades to the tracker.
        await store.WriteAsync(async (tx, _) =>
        {
            await tx.SaveAppointmentAsync(watched with { StartBlock = 250 });
            await tx.DeleteAppointmentsAsync([responded.Uuid], refund: true);
            return true;
        }, None);
        Assert.Equal(1, await store.CountAppointmentsAsync(None));
        Assert.Equal(250u, (await store.GetAppointmentAsync(watched.Uuid, None))!.Appointment.StartBlock);
        Assert.Equal(0, (await store.GetCountsAsync(None)).Trackers);
        Assert.Equal(91u, (await store.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);

        // A user registered after the upgrade draws a key past the ones the migration gave.
        var newcomer = TestUsers.Subscription();
        var first = TestAppointments.For(newcomer);
        await store.WriteAsync(async (tx, _) =>
        {
            await tx.SaveSubscriptionAsync(newcomer);
            await tx.SaveAppointmentAsync(first);
            return true;
        }, None);
        Assert.Equal(newcomer.UserId, (await store.GetAppointmentAsync(first.Uuid, None))!.Appointment.UserId);
        Assert.Equal(user.UserId, (await store.GetAppointmentAsync(watched.Uuid, None))!.Appointment.UserId);
    }

    private static Task<RecentBreach?> FindRecentAsync(PostgresTowerStore store, Locator locator, ClientProfile profile) =>
        store.WriteAsync((transaction, _) => transaction.FindRecentBreachAsync(locator, profile), None);

    private static string V1Schema()
    {
        using var stream = typeof(PostgresTowerStore).Assembly.GetManifestResourceStream("Teos.Storage.Postgres.Migrations.0001_initial.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
