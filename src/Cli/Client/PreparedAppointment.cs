using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Blobs;
using Teos.Protocol.Signing;

namespace Teos.Cli.Client;

/// <summary>
/// An appointment built on the user's side, as rust-teos clients build it (spec 1.3, 1.9, 2.1): the locator and
/// the blob key come from the commitment txid, the penalty is encrypted, and the whole is signed with the user key.
/// The tower never sees the penalty until that commitment is mined.
/// </summary>
public sealed record PreparedAppointment(Locator Locator, byte[] EncryptedBlob, uint ToSelfDelay, string Signature)
{
    public static PreparedAppointment Create(SecretKey userKey, uint256 commitmentTxid, Transaction penalty, uint toSelfDelay)
    {
        var locator = Locator.FromTxid(commitmentTxid);
        var blob = BlobCipher.Encrypt(BlobKey.For(commitmentTxid), penalty.ToBytes());
        var signature = LightningMessageSigner.Default.Sign(userKey, AppointmentSerialization.Serialize(locator, blob, toSelfDelay));
        return new PreparedAppointment(locator, blob, toSelfDelay, signature);
    }
}
