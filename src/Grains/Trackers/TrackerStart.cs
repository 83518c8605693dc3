using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Grains.Trackers;

/// <summary>A breach handed to the Responder: the appointment's owner and locator, dispute and penalty (spec 4.4).</summary>
/// <param name="CarrierHeight">The height a broadcast's <c>InMempoolSince</c> counts from (spec 4.4, carrier height).</param>
/// <param name="ConfirmedAt">The height of the block of the last 100 that holds the penalty, if any.</param>
[GenerateSerializer, Immutable, Alias("teos.tracker-start")]
public sealed record TrackerStart(
    UserId UserId, Locator Locator, ClientProfile Profile, byte[] DisputeTx, byte[] PenaltyTx, uint CarrierHeight, uint? ConfirmedAt);
