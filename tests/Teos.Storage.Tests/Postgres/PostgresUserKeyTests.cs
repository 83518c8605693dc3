using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Teos.Storage.Postgres;
using Teos.Storage.Tests.Builders;
using Xunit;

namespace Teos.Storage.Tests.Postgres;

/// <summary>
/// Users carry a 32-bit key drawn from a sequence (migration 0006). Only a new user may draw one: saving an existing
/// user's subscription, which every add_appointment does, must not use keys up.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUserKeyTests(PostgresFixture postgres)
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Saving_an_existing_user_again_draws_no_key()
    {
        var database = await postgres.MigratedDatabaseAsync();
        await using var store = await PostgresTowerStore.OpenAsync(database, NullLogger.Instance, None);
        var first = TestUsers.Subscription(slots: 100);
        var second = TestUsers.Subscription();
        await SaveAsync(store, first);
        await SaveAsync(store, second);
        var drawn = await LastKeyDrawnAsync(database);

        for (uint slots = 99; slots > 89; slots--)
            await SaveAsync(store, first with { AvailableSlots = slots });

        Assert.Equal(drawn, await LastKeyDrawnAsync(database));
        Assert.Equal(90u, (await store.GetSubscriptionAsync(first.UserId, None))!.AvailableSlots);
        await SaveAsync(store, TestUsers.Subscription());
        Assert.Equal(drawn + 1, await LastKeyDrawnAsync(database));
    }

    private static Task SaveAsync(PostgresTowerStore store, Grains.Users.Subscription subscription) =>
        store.WriteAsync(
            async (transaction, _) =>
            {
                await transaction.SaveSubscriptionAsync(subscription);
                return true;
            },
            None);

    private static async Task<long> LastKeyDrawnAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await connection.Command("SELECT last_value FROM users_user_key_seq").ScalarAsync<long>(None);
    }
}
