using Teos.Grains.Users;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Store;

/// <summary>
/// The tower's durable state. All changes go through <see cref="WriteAsync{T}"/>: the work runs inside one
/// transaction and the returned task completes only once that transaction is durable. Implementations may
/// run several callers' work in one transaction (group commit), each isolated by a savepoint, so the work
/// must not call bitcoind or wait on anything but the store.
/// </summary>
public interface ITowerStore
{
    Task<T> WriteAsync<T>(Func<ITowerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken);

    Task<ChainTip?> GetTipAsync(CancellationToken cancellationToken);

    Task<Subscription?> GetSubscriptionAsync(UserId userId, CancellationToken cancellationToken);

    Task<AppointmentRecord?> GetAppointmentAsync(AppointmentUuid uuid, CancellationToken cancellationToken);

    /// <summary>Locators of every appointment row the user owns, triggered ones included (spec 3.6).</summary>
    Task<IReadOnlyList<Locator>> GetLocatorsAsync(UserId userId, CancellationToken cancellationToken);

    Task<long> CountAppointmentsAsync(CancellationToken cancellationToken);

    Task<TowerCounts> GetCountsAsync(CancellationToken cancellationToken);

    // Operator queries (admin API). Listings are paged by key order: pass the last key of the previous page.

    Task<IReadOnlyList<UserId>> GetUserIdsAsync(UserId? after, int limit, CancellationToken cancellationToken);

    /// <summary>The uuids of every appointment row the user owns, triggered ones included.</summary>
    Task<IReadOnlyList<AppointmentUuid>> GetAppointmentUuidsAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>Every appointment with its tracker if any, in uuid order.</summary>
    Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsAsync(AppointmentUuid? after, int limit, CancellationToken cancellationToken);

    /// <summary>Every user's appointment for a locator, with its tracker if any.</summary>
    Task<IReadOnlyList<AppointmentRecord>> GetAppointmentsByLocatorAsync(Locator locator, CancellationToken cancellationToken);

    /// <summary>
    /// The newest tower key; when there is none yet, stores <paramref name="candidateHex"/> and returns it.
    /// Atomic, so silos starting together on an empty database agree on one tower id.
    /// </summary>
    Task<string> GetOrAddTowerKeyAsync(string candidateHex, CancellationToken cancellationToken);

    /// <summary>Stores a new tower key; older keys are kept but no longer used (spec 6.2).</summary>
    Task AddTowerKeyAsync(string secretKeyHex, CancellationToken cancellationToken);
}
