using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Trackers;

/// <summary>
/// A penalty the tower broadcast for one appointment (same uuid), followed until irrevocably confirmed.
/// <see cref="Reorged"/> is persisted (rust-teos keeps it in memory and loses it on restart).
/// </summary>
public sealed record Tracker(
    AppointmentUuid Uuid,
    UserId UserId,
    Transaction DisputeTx,
    Transaction PenaltyTx,
    TrackerStatus Status,
    bool Reorged = false)
{
    public TrackerSummary Summary => new(Uuid, PenaltyTx.GetHash(), Status, Reorged);
}
