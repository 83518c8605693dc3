using NBitcoin;
using Teos.BitcoindSim.Chain;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>
/// A revoked channel state: the old commitment a cheater may broadcast (the dispute) and the justice transaction
/// that spends it (the penalty). The simulator funds the commitment's input from outside its chain.
/// </summary>
public sealed record Channel(Transaction Dispute, Transaction Penalty)
{
    public static Channel Revoked()
    {
        var dispute = SimTransactions.Funded(outputs: 2);
        return new Channel(dispute, SimTransactions.Spending(new OutPoint(dispute.GetHash(), 0)));
    }
}
