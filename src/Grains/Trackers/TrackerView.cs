using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Users;

namespace Teos.Grains.Trackers;

/// <summary>A tracker as get_appointment and the operator see it: dispute and penalty, and where the penalty stands.</summary>
[GenerateSerializer, Immutable, Alias("teos.tracker-view")]
public sealed record TrackerView(
    UserId UserId, Locator Locator, uint256 DisputeTxid, uint256 PenaltyTxid, byte[] PenaltyRawTx, TrackerStatus Status);
