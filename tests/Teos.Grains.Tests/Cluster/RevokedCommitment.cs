using NBitcoin;
using Teos.BitcoindSim.Chain;
using Teos.Protocol.Appointments;
using Teos.Protocol.Blobs;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Tests.Cluster;

/// <summary>A revoked commitment (the dispute a cheater mines) and the penalty that spends it, as a client sees them.</summary>
public sealed record RevokedCommitment(Transaction Dispute, Transaction Penalty)
{
    /// <summary>A dispute funded from outside the simulation and a penalty spending its first output.</summary>
    public static RevokedCommitment New()
    {
        var dispute = SimTransactions.Funded();
        return new RevokedCommitment(dispute, SimTransactions.Spending(new OutPoint(dispute.GetHash(), 0)));
    }

    public uint256 PenaltyTxid => Penalty.GetHash();

    public Locator Locator(ClientProfile profile = ClientProfile.Rust) => Protocol.Appointments.Locator.FromTxid(Dispute.GetHash(), profile);

    /// <summary>The penalty encrypted under the dispute's txid (spec 1.9).</summary>
    public byte[] Blob(ClientProfile profile = ClientProfile.Rust) =>
        BlobCipher.Encrypt(BlobKey.For(Dispute.GetHash(), profile), Penalty.ToBytes());
}
