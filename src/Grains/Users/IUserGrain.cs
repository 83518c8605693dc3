using Teos.Grains.Appointments;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Users;

/// <summary>
/// The Gatekeeper of one user (key <c>"&lt;tower&gt;/&lt;user id hex&gt;"</c>): registration, slot accounting and the
/// admission of the user's appointments. One activation serializes a user's writes, so slots are charged exactly.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Registers or renews through the request form of <paramref name="profile"/> (spec 4.2, 9).</summary>
    /// <returns>The subscription after it; null when the slot counter would overflow (nothing changed).</returns>
    Task<Subscription?> Register(ClientProfile profile);

    /// <summary>Spec 3.4 steps 7-10 for a request this user signed: admission, the one durable write, the cache path.</summary>
    Task<AddAppointmentOutcome> AddAppointment(AppointmentSubmission submission);

    // Reads interleave with a write in progress: they change nothing, and a slow appointment write must not hold them.

    /// <summary>The user's subscription, or null when the user is not registered.</summary>
    [AlwaysInterleave]
    Task<Subscription?> GetSubscription();

    /// <summary>get_subscription_info (spec 3.6): the subscription and the locators of every row the user owns.</summary>
    [AlwaysInterleave]
    Task<AccessResult<SubscriptionInfo>> GetSubscriptionInfo();

    /// <summary>get_appointment (spec 3.5) after authentication: the user's appointment or tracker for a locator.</summary>
    [AlwaysInterleave]
    Task<AccessResult<AppointmentView>> GetAppointment(Locator locator);

    /// <summary>Takes an appointment off the user's books (spec 4.5): a completed tracker's refund or a burn.</summary>
    Task Release(AppointmentUuid uuid, ReleaseKind kind);

    /// <summary>
    /// The per-block Gatekeeper: when the user is outdated at <paramref name="height"/> it is deleted with every row it
    /// owns (no refund). Idempotent.
    /// </summary>
    /// <returns>Whether the user was deleted now.</returns>
    Task<bool> Outdate(uint height);
}
