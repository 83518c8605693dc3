using Teos.Grains.Users;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

internal static class UsersTable
{
    public static Subscription? Get(StoreConnection connection, UserId userId)
    {
        var command = connection.Command(
            """
            SELECT available_slots, subscription_start, subscription_expiry, profile
            FROM users WHERE user_id = $user_id
            """);
        command.Parameters.AddWithValue("$user_id", userId.ToArray());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new Subscription(
            userId,
            Columns.UInt32(reader, 0),
            Columns.UInt32(reader, 1),
            Columns.UInt32(reader, 2),
            Columns.Profile(reader, 3));
    }

    public static void Save(StoreConnection connection, Subscription subscription)
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
        command.Parameters.AddWithValue("$slots", (long)subscription.AvailableSlots);
        command.Parameters.AddWithValue("$start", (long)subscription.Start);
        command.Parameters.AddWithValue("$expiry", (long)subscription.Expiry);
        command.Parameters.AddWithValue("$profile", (int)subscription.Profile);
        command.ExecuteNonQuery();
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
