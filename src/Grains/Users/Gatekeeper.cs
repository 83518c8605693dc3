using Teos.Grains.Appointments;
using Teos.Grains.Storage;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Users;

/// <summary>
/// The Gatekeeper's rules for one user (spec 4.2): registration and renewal, expiry, outdating, and the slot
/// accounting of add_appointment. Pure: the user grain feeds it what storage holds and persists what it decides.
/// Used slots are derived from the user's appointment rows (their blob sizes), never stored: an appointment's
/// write is then the only write its acceptance needs.
/// </summary>
public sealed class Gatekeeper
{
    private readonly SubscriptionOptions _options;
    private readonly Dictionary<AppointmentUuid, uint> _costs = new();
    private long _used;

    public Gatekeeper(SubscriptionOptions options, UserState? state = null, IEnumerable<OwnedAppointment>? rows = null)
    {
        _options = options;
        State = state;
        foreach (var row in rows ?? [])
            Track(row.Uuid, SlotCost.Of(row.BlobLength));
    }

    /// <summary>Null until the user registers (and again once outdated).</summary>
    public UserState? State { get; private set; }

    public bool IsRegistered => State is not null;

    /// <summary>Slots left: what registrations granted minus burns, minus what the user's rows cost.</summary>
    public uint AvailableSlots => State is null ? 0 : (uint)Math.Clamp(State.SlotAllowance - _used, 0, uint.MaxValue);

    public int AppointmentCount => _costs.Count;

    public bool Owns(AppointmentUuid uuid) => _costs.ContainsKey(uuid);

    public Subscription? Snapshot(UserId userId) => State is { } state
        ? new Subscription(userId, AvailableSlots, state.SubscriptionStart, state.SubscriptionExpiry, state.Profile)
        : null;

    public bool IsExpiredAt(uint height) => State is { } state && height >= state.SubscriptionExpiry;

    /// <summary>Outdated users are deleted with everything they own, before the Watcher sees the block (spec 4.1).</summary>
    public bool IsOutdatedAt(uint height) => State is { } state && height >= state.DeletionHeight;

    /// <summary>
    /// A registration at <paramref name="height"/> through the <paramref name="profile"/>'s request form. A renewal adds
    /// slots and extends the old expiry (never the current height, never the start); the later form's profile wins
    /// (spec 9). Null when the slot counter would overflow u32 (400/65): nothing changes.
    /// </summary>
    public UserState? Register(ClientProfile profile, uint height)
    {
        if (State is not { } existing)
        {
            var expiry = Saturate((ulong)height + _options.SubscriptionDuration);
            return State = new UserState
            {
                Profile = profile,
                SlotAllowance = _options.SubscriptionSlots,
                SubscriptionStart = height,
                SubscriptionExpiry = expiry,
                DeletionHeight = DeletionHeightOf(expiry),
            };
        }

        if ((ulong)AvailableSlots + _options.SubscriptionSlots > uint.MaxValue)
            return null;
        var renewed = Saturate((ulong)existing.SubscriptionExpiry + _options.SubscriptionDuration);
        return State = existing with
        {
            Profile = profile,
            SlotAllowance = existing.SlotAllowance + _options.SubscriptionSlots,
            SubscriptionExpiry = renewed,
            DeletionHeight = DeletionHeightOf(renewed),
        };
    }

    /// <summary>
    /// Spec 3.4 steps 7-9 for an authenticated user: expired, already triggered, then the slot charge (an update pays
    /// the difference between the new and the replaced blob's slots, so it may refund). <paramref name="triggered"/>
    /// tells whether the user's stored appointment with this uuid already became a tracker.
    /// </summary>
    public Admission Admit(AppointmentUuid uuid, int newBlobLength, uint height, bool triggered)
    {
        if (State is not { } state)
            return Admission.Refused(AppointmentFailure.AuthenticationFailed);
        if (height >= state.SubscriptionExpiry)
            return Admission.Refused(AppointmentFailure.SubscriptionExpired, state.SubscriptionExpiry);
        if (triggered)
            return Admission.Refused(AppointmentFailure.AlreadyTriggered);

        var cost = SlotCost.Of(newBlobLength);
        long diff = (long)cost - (_costs.TryGetValue(uuid, out var old) ? old : 0);
        return diff > AvailableSlots
            ? Admission.Refused(AppointmentFailure.NotEnoughSlots)
            : Admission.Accepted(cost);
    }

    /// <summary>Books an accepted appointment once its row is durable.</summary>
    public void Book(AppointmentUuid uuid, uint cost)
    {
        Forget(uuid);
        Track(uuid, cost);
    }

    /// <summary>
    /// Takes an appointment off the books (spec 4.5). A refund frees its slots; a burn keeps them spent by lowering
    /// the allowance by its cost. Returns the user's new state for a burn, null for a refund or an unknown uuid.
    /// </summary>
    public UserState? Release(AppointmentUuid uuid, ReleaseKind kind)
    {
        if (!_costs.TryGetValue(uuid, out var cost))
            return null;
        Forget(uuid);
        if (kind == ReleaseKind.Refund || State is not { } state)
            return null;
        return State = state with { SlotAllowance = state.SlotAllowance - cost };
    }

    /// <summary>Forgets the user entirely (it was outdated and deleted).</summary>
    public void Clear()
    {
        State = null;
        _costs.Clear();
        _used = 0;
    }

    private long DeletionHeightOf(uint expiry) => (long)expiry + _options.ExpiryDelta;

    private static uint Saturate(ulong value) => (uint)Math.Min(uint.MaxValue, value);

    private void Track(AppointmentUuid uuid, uint cost)
    {
        _costs[uuid] = cost;
        _used += cost;
    }

    private void Forget(AppointmentUuid uuid)
    {
        if (_costs.Remove(uuid, out var cost))
            _used -= cost;
    }
}
