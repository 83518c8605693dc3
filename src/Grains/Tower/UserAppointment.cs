using Teos.Protocol.Appointments;

namespace Teos.Grains.Tower;

/// <summary>One of a user's appointments as the operator sees it: the locator the user quotes and the uuid rust-teos lists.</summary>
public sealed record UserAppointment(Locator Locator, AppointmentUuid Uuid);
