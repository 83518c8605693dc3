using NBitcoin;

namespace Teos.BitcoindSim.Chain;

/// <summary>Where a transaction is: in an active-chain block, or (Block null) in the mempool.</summary>
public sealed record TransactionLocation(Transaction Transaction, SimBlock? Block);
