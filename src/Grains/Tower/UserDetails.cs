using Teos.Grains.Users;
using Teos.Protocol.Appointments;

namespace Teos.Grains.Tower;

/// <summary>What get_user reports: the subscription and what the user owns, by uuid (as rust-teos) and by locator.</summary>
public sealed record UserDetails(Subscription Subscription, IReadOnlyList<AppointmentUuid> Appointments, IReadOnlyList<Locator> Locators);
