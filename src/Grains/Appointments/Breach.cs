using NBitcoin;

namespace Teos.Grains.Appointments;

/// <summary>A dispute seen in a connected block, as the block feed hands it to the breached appointment.</summary>
/// <param name="DisputeTx">Consensus serialization with witness.</param>
/// <param name="CarrierHeight">The height a fresh broadcast counts from: the block's minus one (spec 4.4).</param>
/// <param name="LookUpConfirmation">Ask the block feed's 100-block index whether the penalty is already mined.</param>
[GenerateSerializer, Immutable, Alias("teos.breach")]
public sealed record Breach(byte[] DisputeTx, uint256 BlockHash, uint Height, uint CarrierHeight, bool LookUpConfirmation);
