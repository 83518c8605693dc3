using Microsoft.Data.Sqlite;
using Teos.Grains.Users;
using Teos.Protocol.Users;
using Teos.Storage.Users;

namespace Teos.Storage.Sqlite;

internal static class UsersTable
{
    public static KeyedSubscription? Get(StoreConnection connection, UserId userId)
    {
        var command = connection.Command(
            """
            SELECT available_slots, subscription_start, subscription_expiry, profile, user_key
            FROM users WHERE user_id = $user_id
            """);
        command.Parameters.AddWithValue("$user_id", userId.ToArray());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var subscription = new Subscription(
            userId,
            Columns.UInt32(reader, 0),
            Columns.UInt32(reader, 1),
            Columns.UInt32(reader, 2),
            Columns.Profile(reader, 3));
        return new KeyedSubscription(subscription, reader.GetInt64(4));
    }

    /// <summary>Updates the row with that <paramref name="key"/> when the caller knows it; otherwise upserts by public key.</summary>
    public static void Save(StoreConnection connection, Subscription subscription, long? key)
    {
        if (key is { } found)
            Update(connection, subscription, found);
        else
            Upsert(connection, subscription);
    }

    private static void Update(StoreConnection connection, Subscription subscription, long key)
    {
        var command = connection.Command(
            """
            UPDATE users SET available_slots = $slots, subscription_start = $start, subscription_expiry = $expiry, profile = $profile
            WHERE user_key = $user_key
            """);
        command.Parameters.AddWithValue("$user_key", key);
        AddValues(command, subscription);
        command.ExecuteNonQuery();
    }

    private static void Upsert(StoreConnection connection, Subscription subscription)
    {
        var command = connection.Command(
            """
            INSERT INTO users (user_id, available_slots, subscription_start, subscription_expiry, profile)
            VALUES ($user_id, $slots, $start, $expiry, $profile)
            ON CONFLICT (user_id) DO UPDATE SET
                available_slots = excluded.available_slots,
                subscription_start = excluded.subscription_start,
                subscription_expiry = excluded.subscription_expiry,
                profile = excluded.profile
            """);
        command.Parameters.AddWithValue("$user_id", subscription.UserId.ToArray());
        AddValues(command, subscription);
        command.ExecuteNonQuery();
    }

    private static void AddValues(SqliteCommand command, Subscription subscription)
    {
        command.Parameters.AddWithValue("$slots", (long)subscription.AvailableSlots);
        command.Parameters.AddWithValue("$start", (long)subscription.Start);
        command.Parameters.AddWithValue("$expiry", (long)subscription.Expiry);
        command.Parameters.AddWithValue("$profile", (int)subscription.Profile);
    }

    /// <summary>
    /// Deletes users with height >= expiry + delta; their appointments and trackers go by cascade. SQLite
    /// integers are 64-bit, so an expiry saturated at u32 max plus the delta does not wrap.
    /// </summary>
    public static IReadOnlyList<UserId> DeleteOutdated(StoreConnection connection, uint height, uint expiryDelta)
    {
        var command = connection.Command(
            "DELETE FROM users WHERE subscription_expiry + $delta <= $height RETURNING user_id");
        command.Parameters.AddWithValue("$delta", (long)expiryDelta);
        command.Parameters.AddWithValue("$height", (long)height);
        var deleted = new List<UserId>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            deleted.Add(Columns.UserId(reader, 0));
        return deleted;
    }

    public static IReadOnlyList<UserId> GetIds(StoreConnection connection, UserId? after, int limit)
    {
        var command = connection.Command("SELECT user_id FROM users WHERE user_id > $after ORDER BY user_id LIMIT $limit");
        command.Parameters.AddWithValue("$after", after?.ToArray() ?? []);
        command.Parameters.AddWithValue("$limit", limit);
        var ids = new List<UserId>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            ids.Add(Columns.UserId(reader, 0));
        return ids;
    }

    public static long Count(StoreConnection connection) =>
        (long)connection.Command("SELECT count(*) FROM users").ExecuteScalar()!;
}
