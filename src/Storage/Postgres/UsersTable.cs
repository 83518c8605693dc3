using System.Buffers.Binary;
using Npgsql;
using Teos.Grains.Users;
using Teos.Protocol.Users;
using Teos.Storage.Users;

namespace Teos.Storage.Postgres;

internal static class UsersTable
{
    private const string Select =
        "SELECT available_slots, subscription_start, subscription_expiry, profile, user_key FROM users WHERE user_id = $1";

    public static Task<Subscription?> GetAsync(NpgsqlConnection connection, UserId userId, CancellationToken cancellationToken) =>
        connection.Command(Select, userId.ToArray()).SingleOrDefaultAsync(reader => Read(reader, userId), cancellationToken);

    /// <summary>
    /// Reads the user and keeps it locked until the transaction ends, so concurrent charges from any silo queue
    /// up behind each other (spec 3.8). With no row yet there is nothing to lock: a per-user advisory lock then
    /// serializes first registrations, and the read is repeated under it.
    /// </summary>
    public static async Task<KeyedSubscription?> GetForUpdateAsync(NpgsqlConnection connection, UserId userId, CancellationToken cancellationToken)
    {
        var found = await connection.Command($"{Select} FOR UPDATE", userId.ToArray())
            .SingleOrDefaultAsync(reader => ReadKeyed(reader, userId), cancellationToken).ConfigureAwait(false);
        if (found is not null)
            return found;

        // Any 32 bits of the key will do: a collision only makes two users' first registrations wait in turn.
        var key = BinaryPrimitives.ReadInt32BigEndian(userId.Bytes.Slice(1, 4));
        await connection.Command("SELECT pg_advisory_xact_lock($1, $2)", AdvisoryLocks.UserClass, key).RunAsync(cancellationToken).ConfigureAwait(false);
        return await connection.Command($"{Select} FOR UPDATE", userId.ToArray())
            .SingleOrDefaultAsync(reader => ReadKeyed(reader, userId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The locking read as a statement of a caller's batch; <see cref="ReadLocked"/> reads its row.</summary>
    public static NpgsqlBatchCommand GetForUpdate(UserId userId) => Commands.BatchCommand($"{Select} FOR UPDATE", userId.ToArray());

    /// <summary>The row of <see cref="GetForUpdate"/>, or null when the user has none yet.</summary>
    public static async Task<KeyedSubscription?> ReadLocked(NpgsqlDataReader reader, UserId userId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadKeyed(reader, userId) : null;

    public static Task SaveAsync(NpgsqlConnection connection, Subscription subscription, long? key, CancellationToken cancellationToken) =>
        Commands.Run(connection, Save(subscription, key), cancellationToken);

    /// <summary>
    /// The save as a statement, for a batch that sends it with the next statement. A row the transaction has
    /// locked is updated through its <paramref name="key"/>; otherwise the row is upserted by public key.
    /// </summary>
    public static NpgsqlBatchCommand Save(Subscription subscription, long? key) =>
        key is { } found ? Update(subscription, found) : Upsert(subscription);

    private static NpgsqlBatchCommand Update(Subscription subscription, long key) =>
        Commands.BatchCommand(
            """
            UPDATE users SET available_slots = $2, subscription_start = $3, subscription_expiry = $4, profile = $5
            WHERE user_key = $1
            """,
            (int)key,
            (long)subscription.AvailableSlots,
            (long)subscription.Start,
            (long)subscription.Expiry,
            (short)subscription.Profile);

    /// <summary>
    /// An existing row is updated without an INSERT: INSERT ... ON CONFLICT draws the next user key before it finds
    /// the conflict, so every save would use one up, and the 32-bit keys (migration 0006) would run out after 2^31
    /// of them. A new row draws its key; the ON CONFLICT only serves a first registration racing another, which
    /// the per-user advisory lock already prevents.
    /// </summary>
    private static NpgsqlBatchCommand Upsert(Subscription subscription) =>
        Commands.BatchCommand(
            """
            WITH updated AS (
                UPDATE users SET available_slots = $2, subscription_start = $3, subscription_expiry = $4, profile = $5
                WHERE user_id = $1
                RETURNING 1)
            INSERT INTO users (user_id, available_slots, subscription_start, subscription_expiry, profile)
            SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM updated)
            ON CONFLICT (user_id) DO UPDATE SET
                available_slots = excluded.available_slots,
                subscription_start = excluded.subscription_start,
                subscription_expiry = excluded.subscription_expiry,
                profile = excluded.profile
            """,
            subscription.UserId.ToArray(),
            (long)subscription.AvailableSlots,
            (long)subscription.Start,
            (long)subscription.Expiry,
            (short)subscription.Profile);

    /// <summary>
    /// Deletes users with height >= expiry + delta (in 64 bits, so a saturated expiry never wraps); their
    /// appointments and trackers go by cascade. Written as expiry &lt;= height - delta to range-scan the index.
    /// </summary>
    public static Task<List<UserId>> DeleteOutdatedAsync(NpgsqlConnection connection, uint height, uint expiryDelta, CancellationToken cancellationToken) =>
        connection.Command(
            "DELETE FROM users WHERE subscription_expiry <= $1 RETURNING user_id",
            (long)height - expiryDelta).ListAsync(reader => Columns.UserId(reader, 0), cancellationToken);

    public static Task<List<UserId>> GetIdsAsync(NpgsqlConnection connection, UserId? after, int limit, CancellationToken cancellationToken) =>
        connection.Command(
            "SELECT user_id FROM users WHERE user_id > $1 ORDER BY user_id LIMIT $2",
            after?.ToArray() ?? [],
            (long)limit).ListAsync(reader => Columns.UserId(reader, 0), cancellationToken);

    private static KeyedSubscription ReadKeyed(NpgsqlDataReader reader, UserId userId) => new(Read(reader, userId), reader.GetInt32(4));

    private static Subscription Read(NpgsqlDataReader reader, UserId userId) => new(
        userId,
        Columns.UInt32(reader, 0),
        Columns.UInt32(reader, 1),
        Columns.UInt32(reader, 2),
        Columns.Profile(reader, 3));
}
