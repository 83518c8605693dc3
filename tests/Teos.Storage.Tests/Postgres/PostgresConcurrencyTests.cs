using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Grains.Locators;
using Teos.Grains.Store;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>Several silos (store instances) on one database at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrencyTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Stores_opened_together_apply_the_migrations_exactly_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None))));

        try
        {
            Assert.Equal(MigrationRunner.KnownVersion, stores.Sum(store => store.MigrationsApplied));
            Assert.Equal(1, stores.Count(store => store.MigrationsApplied > 0));
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
            Assert.Equal((long)MigrationRunner.KnownVersion, await command.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var store in stores)
                await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_slot_charges_of_one_user_through_two_stores_end_exact()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        await using var second = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        var user = TestUsers.Subscription(slots: 1000);
        await first.WriteAsync(async (tx, _) =>
        {
            await tx.SaveSubscriptionAsync(user);
            return true;
        }, None);

        // Each charge reads the user's slots and writes them back minus one, as add_appointment does.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).WriteAsync(
            async (tx, _) =>
            {
                var current = (await tx.GetSubscriptionForUpdateAsync(user.UserId))!;
                await tx.SaveSubscriptionAsync(current with { AvailableSlots = current.AvailableSlots - 1 });
                await tx.SaveAppointmentAsync(TestAppointments.For(user));
                return true;
            },
            None))));

        Assert.Equal(800u, (await first.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
        Assert.Equal(200, await second.CountAppointmentsAsync(None));
    }

    [Fact]
    public async Task A_first_registration_from_two_stores_at_once_is_seen_by_the_second()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        await using var second = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        var user = TestUsers.Subscription(slots: 100);

        // Register or renew by 100 slots: without a lock on the missing row, both could "create" it.
        await Task.WhenAll(new[] { first, second }.Select(store => Task.Run(() => store.WriteAsync(
            async (tx, _) =>
            {
                var current = await tx.GetSubscriptionForUpdateAsync(user.UserId);
                await tx.SaveSubscriptionAsync(current is null ? user : current with { AvailableSlots = current.AvailableSlots + 100 });
                return true;
            },
            None))));

        Assert.Equal(200u, (await first.GetSubscriptionAsync(user.UserId, None))!.AvailableSlots);
    }

    [Fact]
    public async Task An_appointment_racing_its_breach_block_is_either_found_by_the_block_or_finds_the_cached_breach()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        await using var leader = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        var user = TestUsers.Subscription();
        await silo.WriteAsync(async (tx, _) =>
        {
            await tx.SaveSubscriptionAsync(user);
            return true;
        }, None);

        for (var round = 0; round < 40; round++)
        {
            var block = TestTransactions.Block(50);
            var breach = block[round % 50];
            var appointment = TestAppointments.For(user, breach.Rust);
            var stored = Task.Run(() => silo.WriteAsync(async (tx, _) =>
            {
                await tx.SaveAppointmentAsync(appointment);
                return await tx.FindRecentBreachAsync(appointment.Locator, appointment.Profile);
            }, None));
            var processed = Task.Run(() => leader.WriteAsync(async (tx, _) =>
            {
                await tx.AddRecentBlockAsync(TestTransactions.RandomTxid(), (uint)(300 + round), block);
                return await tx.FindBreachedAsync([.. block.Select(t => t.Rust)], [.. block.Select(t => t.Python)], (uint)(300 + round), 6);
            }, None));

            var (cached, found) = (await stored, await processed);
            Assert.True(cached is not null || found.Any(a => a.Uuid == appointment.Uuid), $"round {round}: the breach was missed by both");
        }
    }
}
