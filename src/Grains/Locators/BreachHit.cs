using NBitcoin;
using Teos.Protocol.Appointments;

namespace Teos.Grains.Locators;

/// <summary>A stored, watched appointment whose locator a block's transaction matches under the appointment's profile.</summary>
[GenerateSerializer, Immutable, Alias("teos.breach-hit")]
public sealed record BreachHit(AppointmentUuid Uuid, uint256 DisputeTxid);
