using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Users;

namespace Teos.Storage.Sqlite;

/// <summary>The users table's statements: a row is a <see cref="UserState"/> keyed by (tower, user id).</summary>
internal static class UserRows
{
    public static UserState? Get(StoreConnection connection, TowerKey tower, UserId user)
    {
        var command = connection.Command(
            """
            SELECT profile, slot_allowance, subscription_start, subscription_expiry, deletion_height
            FROM users WHERE tower = $tower AND user_id = $user_id
            """);
        command.Parameters.AddWithValue("$tower", tower.Value);
        command.Parameters.AddWithValue("$user_id", user.ToArray());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new UserState
        {
            Profile = Columns.Profile(reader, 0),
            SlotAllowance = reader.GetInt64(1),
            SubscriptionStart = Columns.UInt32(reader, 2),
            SubscriptionExpiry = Columns.UInt32(reader, 3),
            DeletionHeight = reader.GetInt64(4),
        };
    }

    /// <summary>Upsert by (tower, user id); a new user draws the next integer key.</summary>
    public static void Save(StoreConnection connection, TowerKey tower, UserId user, UserState state)
    {
        var command = connection.Command(
            """
            INSERT INTO users (tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height)
            VALUES ($tower, $user_id, $profile, $allowance, $start, $expiry, $deletion)
            ON CONFLICT (tower, user_id) DO UPDATE SET
                profile = excluded.profile,
                slot_allowance = excluded.slot_allowance,
                subscription_start = excluded.subscription_start,
                subscription_expiry = excluded.subscription_expiry,
                deletion_height = excluded.deletion_height
            """);
        var parameters = command.Parameters;
        parameters.AddWithValue("$tower", tower.Value);
        parameters.AddWithValue("$user_id", user.ToArray());
        parameters.AddWithValue("$profile", (int)state.Profile);
        parameters.AddWithValue("$allowance", state.SlotAllowance);
        parameters.AddWithValue("$start", (long)state.SubscriptionStart);
        parameters.AddWithValue("$expiry", (long)state.SubscriptionExpiry);
        parameters.AddWithValue("$deletion", state.DeletionHeight);
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the user; its appointment rows go with it (ON DELETE CASCADE).</summary>
    public static void Delete(StoreConnection connection, TowerKey tower, UserId user)
    {
        var command = connection.Command("DELETE FROM users WHERE tower = $tower AND user_id = $user_id");
        command.Parameters.AddWithValue("$tower", tower.Value);
        command.Parameters.AddWithValue("$user_id", user.ToArray());
        command.ExecuteNonQuery();
    }
}
