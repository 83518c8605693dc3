using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Trackers;

/// <summary>What the per-block confirmation pass needs of a tracker, without loading its transactions.</summary>
public sealed record TrackerSummary(AppointmentUuid Uuid, Txid PenaltyTxid, TrackerStatus Status, bool Reorged);
