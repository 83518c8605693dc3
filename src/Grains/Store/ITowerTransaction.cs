using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Trackers;
using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Store;

/// <summary>
/// The primitive reads and writes the tower's rules are built from, inside one transaction. Reads of a user
/// lock that user's row until the transaction ends, so slot accounting stays exact across silos.
/// </summary>
public interface ITowerTransaction
{
    ValueTask<ChainTip?> GetTipAsync();

    /// <summary>Records the tip unconditionally: a first start, or a forced skip over pruned blocks.</summary>
    ValueTask SetTipAsync(ChainTip tip);

    /// <summary>
    /// Moves the tip from <paramref name="expected"/> to <paramref name="next"/>, or throws
    /// <see cref="TipMovedException"/> when the stored tip is another block: the fence that keeps a deposed
    /// leader from committing a block the new leader already processed.
    /// </summary>
    ValueTask AdvanceTipAsync(uint256 expected, ChainTip next);

    // Users

    /// <summary>
    /// Reads the user's subscription and locks the row. <paramref name="readNext"/>, when given, is the appointment
    /// whose state the caller reads next (<see cref="GetAppointmentStateAsync"/>): a store may fetch it with the lock.
    /// </summary>
    ValueTask<Subscription?> GetSubscriptionForUpdateAsync(UserId userId, AppointmentUuid? readNext = null);

    ValueTask SaveSubscriptionAsync(Subscription subscription);

    /// <summary>Deletes users with height >= expiry + expiryDelta, with their appointments and trackers.</summary>
    ValueTask<IReadOnlyList<UserId>> DeleteOutdatedUsersAsync(uint height, uint expiryDelta);

    // Appointments

    ValueTask<StoredAppointmentState?> GetAppointmentStateAsync(AppointmentUuid uuid);

    /// <summary>Inserts, or replaces blob, to_self_delay, signature and start block of the row with that uuid.</summary>
    ValueTask SaveAppointmentAsync(Appointment appointment);

    /// <summary>
    /// Watched appointments (no tracker yet) whose locator, under their own profile, is one of those given,
    /// and whose owner is not outdated at <paramref name="height"/>.
    /// </summary>
    ValueTask<IReadOnlyList<Appointment>> FindBreachedAsync(
        IReadOnlyCollection<Locator> rustLocators,
        IReadOnlyCollection<Locator> pythonLocators,
        uint height,
        uint expiryDelta);

    /// <summary>Deletes appointment rows (and their trackers); with refund, their slots go back to their owners.</summary>
    ValueTask DeleteAppointmentsAsync(IReadOnlyCollection<AppointmentUuid> uuids, bool refund);

    // Locator cache (shared by every silo: the leader fills it, any silo's add_appointment reads it)

    ValueTask AddRecentBlockAsync(uint256 blockHash, uint height, IReadOnlyList<TransactionLocators> transactions);

    ValueTask RemoveRecentBlockAsync(uint256 blockHash);

    ValueTask RemoveRecentBlocksBelowAsync(uint height);

    ValueTask<RecentBreach?> FindRecentBreachAsync(Locator locator, ClientProfile profile);

    // Trackers

    /// <summary>Inserts a tracker; returns false (and changes nothing) when one exists for that uuid.</summary>
    ValueTask<bool> InsertTrackerAsync(Tracker tracker);

    ValueTask UpdateTrackersAsync(IReadOnlyCollection<TrackerSummary> trackers);

    ValueTask<IReadOnlyList<TrackerSummary>> GetTrackerSummariesAsync();

    ValueTask<IReadOnlyList<Tracker>> GetTrackersAsync(IReadOnlyCollection<AppointmentUuid> uuids);
}
