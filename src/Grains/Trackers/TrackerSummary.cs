using NBitcoin;
using Teos.Protocol.Appointments;

namespace Teos.Grains.Trackers;

/// <summary>What the per-block confirmation pass needs of a tracker, without loading its transactions.</summary>
public sealed record TrackerSummary(AppointmentUuid Uuid, uint256 PenaltyTxid, TrackerStatus Status, bool Reorged);
