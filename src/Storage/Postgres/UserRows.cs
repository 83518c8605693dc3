using Npgsql;
using Teos.Grains.Storage;
using Teos.Grains.Users;
using Teos.Protocol.Users;

namespace Teos.Storage.Postgres;

/// <summary>The users table's statements: a row is a <see cref="UserState"/> keyed by (tower, user id).</summary>
internal static class UserRows
{
    public static Task<UserState?> GetAsync(NpgsqlConnection connection, TowerKey tower, UserId user, CancellationToken cancellationToken) =>
        connection.Command(
                """
                SELECT profile, slot_allowance, subscription_start, subscription_expiry, deletion_height
                FROM users WHERE tower = $1 AND user_id = $2
                """,
                tower.Value,
                user.ToArray())
            .SingleOrDefaultAsync(
                reader => new UserState
                {
                    Profile = Columns.Profile(reader, 0),
                    SlotAllowance = reader.GetInt64(1),
                    SubscriptionStart = Columns.UInt32(reader, 2),
                    SubscriptionExpiry = Columns.UInt32(reader, 3),
                    DeletionHeight = reader.GetInt64(4),
                },
                cancellationToken);

    /// <summary>
    /// Upsert by (tower, user id). An existing row is updated without an INSERT: INSERT ... ON CONFLICT draws the next
    /// user key before it finds the conflict, so every save would use one up and the 32-bit keys would run out. Only
    /// a new row draws a key; the ON CONFLICT serves two silos registering the same new user at once.
    /// </summary>
    public static NpgsqlBatchCommand Save(TowerKey tower, UserId user, UserState state) =>
        Commands.BatchCommand(
            """
            WITH updated AS (
                UPDATE users SET profile = $3, slot_allowance = $4, subscription_start = $5, subscription_expiry = $6, deletion_height = $7
                WHERE tower = $1 AND user_id = $2
                RETURNING 1)
            INSERT INTO users (tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height)
            SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM updated)
            ON CONFLICT (tower, user_id) DO UPDATE SET
                profile = excluded.profile,
                slot_allowance = excluded.slot_allowance,
                subscription_start = excluded.subscription_start,
                subscription_expiry = excluded.subscription_expiry,
                deletion_height = excluded.deletion_height
            """,
            tower.Value,
            user.ToArray(),
            (short)state.Profile,
            state.SlotAllowance,
            (long)state.SubscriptionStart,
            (long)state.SubscriptionExpiry,
            state.DeletionHeight);

    /// <summary>Deletes the user; its appointment rows go with it (ON DELETE CASCADE).</summary>
    public static NpgsqlBatchCommand Delete(TowerKey tower, UserId user) =>
        Commands.BatchCommand("DELETE FROM users WHERE tower = $1 AND user_id = $2", tower.Value, user.ToArray());
}
