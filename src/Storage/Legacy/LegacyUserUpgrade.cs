using Teos.Protocol.Appointments;

namespace Teos.Storage;

/// <summary>
/// The C# step of the grains upgrade (SQLite migration 0006, PostgreSQL 0007), run in the migration's transaction:
/// a user row written by the previous teosd kept its AVAILABLE slots; the user grain keeps the slots it was
/// granted (used slots are derived from its appointment rows). So each user's allowance becomes its available slots
/// plus the slot cost of every blob it stores, and its deletion height is computed from its expiry. The rules are
/// the protocol's functions, never SQL: the backends only read the rows and write the answers.
/// </summary>
internal sealed class LegacyUserUpgrade(uint expiryDelta)
{
    private readonly Dictionary<long, long> _slotsInUse = [];

    /// <summary>One stored appointment of the user with that key.</summary>
    public void AddAppointment(long userKey, int blobLength)
    {
        _slotsInUse.TryGetValue(userKey, out var slots);
        _slotsInUse[userKey] = slots + SlotCost.Of(blobLength);
    }

    /// <summary>What the user's row becomes: slots to add to its allowance, and its deletion height.</summary>
    public UpgradedUser Upgrade(long userKey, uint subscriptionExpiry) =>
        new(userKey, _slotsInUse.GetValueOrDefault(userKey), DeletionHeight(subscriptionExpiry));

    /// <summary>expiry + expiry_delta in 64 bits (spec pitfall 14: a saturated expiry must not wrap).</summary>
    private long DeletionHeight(uint subscriptionExpiry) => (long)subscriptionExpiry + expiryDelta;
}

internal readonly record struct UpgradedUser(long UserKey, long SlotsInUse, long DeletionHeight);
