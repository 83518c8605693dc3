using System.Buffers.Binary;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.Protocol.Receipts;

/// <summary>
/// What the tower signs when a user registers or renews (spec 2.2): user_id || u32be(available_slots) ||
/// u32be(subscription_start) || u32be(subscription_expiry), 45 bytes; python-teos clients expect 41 bytes
/// without the start (spec 9).
/// </summary>
public sealed record RegistrationReceipt(UserId UserId, uint AvailableSlots, uint SubscriptionStart, uint SubscriptionExpiry)
{
    public const int RustSize = UserId.Size + 3 * sizeof(uint);
    public const int PythonSize = UserId.Size + 2 * sizeof(uint);

    public byte[] Serialize(ClientProfile profile = ClientProfile.Rust)
    {
        var bytes = new byte[profile == ClientProfile.Python ? PythonSize : RustSize];
        UserId.Bytes.CopyTo(bytes);
        var fields = bytes.AsSpan(UserId.Size);
        BinaryPrimitives.WriteUInt32BigEndian(fields, AvailableSlots);
        if (profile == ClientProfile.Python)
        {
            BinaryPrimitives.WriteUInt32BigEndian(fields[4..], SubscriptionExpiry);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(fields[4..], SubscriptionStart);
            BinaryPrimitives.WriteUInt32BigEndian(fields[8..], SubscriptionExpiry);
        }

        return bytes;
    }

    /// <summary>The zbase32 <c>subscription_signature</c> of the /register response.</summary>
    public string Sign(SecretKey towerKey, ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null) =>
        (signer ?? LightningMessageSigner.Default).Sign(towerKey, Serialize(profile));

    /// <summary>The key that signed this receipt: a client compares it with the tower_id it pinned.</summary>
    public bool TryRecoverSigner(string signature, out PublicKey towerId, out SignatureFailure failure,
        ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null) =>
        (signer ?? LightningMessageSigner.Default).TryRecover(Serialize(profile), signature, out towerId, out failure);

    public bool Verify(string signature, PublicKey towerId, ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null) =>
        (signer ?? LightningMessageSigner.Default).Verify(Serialize(profile), signature, towerId);
}
