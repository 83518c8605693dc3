using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.Protocol.Appointments;
using Teos.Protocol.Blobs;

namespace Teos.LoadGen.Data;

/// <summary>A revoked channel state loaded as an appointment: mining <see cref="Dispute"/> is a breach the tower must answer.</summary>
public sealed record BreachChannel(int UserIndex, Transaction Dispute, Transaction Penalty)
{
    public Locator Locator => Locator.FromTxid(Dispute.GetHash());

    public byte[] Blob => BlobCipher.Encrypt(BlobKey.For(Dispute.GetHash()), Penalty.ToBytes());

    public static BreachChannel Create(int userIndex)
    {
        var dispute = SimTransactions.Funded(outputs: 2);
        return new BreachChannel(userIndex, dispute, SimTransactions.Spending(new OutPoint(dispute.GetHash(), 0)));
    }
}
