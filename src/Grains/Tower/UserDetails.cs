using Teos.Grains.Users;

namespace Teos.Grains.Tower;

/// <summary>What get_user reports: the subscription and a page of the user's appointments.</summary>
public sealed record UserDetails(Subscription Subscription, Page<UserAppointment> Appointments);
