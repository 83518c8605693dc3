using Teos.Grains.Locators;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Appointments;

/// <summary>
/// What the user grain decided about an appointment: accepted (the receipt's facts; the receiving silo signs it) or
/// refused with the reason (and the expiry height, which the expired message names). <see cref="RecentBreach"/>: the
/// appointment's dispute is already in one of the last blocks, so the receiving silo answers it at once (spec 4.3).
/// </summary>
[GenerateSerializer, Immutable, Alias("teos.add-appointment-outcome")]
public sealed record AddAppointmentOutcome(
    AppointmentFailure? Failure,
    uint StartBlock,
    uint AvailableSlots,
    uint SubscriptionExpiry,
    ClientProfile Profile,
    RecentBreach? RecentBreach = null)
{
    /// <param name="profile">The user's profile (rust-teos' for a signer that is not a registered user).</param>
    public static AddAppointmentOutcome Refused(AppointmentFailure failure, uint expiry = 0, ClientProfile profile = ClientProfile.Rust) =>
        new(failure, 0, 0, expiry, profile);
}
