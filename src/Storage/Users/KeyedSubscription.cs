using Teos.Grains.Users;
using Teos.Protocol.Users;

namespace Teos.Storage.Users;

/// <summary>
/// A subscription as a transaction's locking read found it, with its row's integer key (SQLite migration 0005,
/// PostgreSQL 0006). The transaction's writes for that user then name the row by the key: no second lookup by
/// the 33-byte public key for the user's update or for the appointment's owner.
/// </summary>
internal sealed record KeyedSubscription(Subscription Subscription, long Key)
{
    /// <summary>The key when this is <paramref name="userId"/>'s row.</summary>
    public long? KeyOf(UserId userId) => Subscription.UserId == userId ? Key : null;
}
