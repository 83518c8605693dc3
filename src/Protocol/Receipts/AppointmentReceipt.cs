using System.Buffers.Binary;
using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;
using Teos.Protocol.Signing;

namespace Teos.Protocol.Receipts;

/// <summary>
/// What the tower signs when it accepts an appointment (spec 2.3): the ASCII characters of the user's zbase32
/// signature exactly as received || u32be(start_block). python-teos clients expect the 65 zbase32-decoded bytes
/// instead of the text (spec 9).
/// </summary>
public sealed record AppointmentReceipt(string UserSignature, uint StartBlock)
{
    /// <summary>
    /// The signed bytes. Only the python layout can fail (a user signature that is not zbase32); the tower has
    /// recovered the signer from it before, so that failure is not expected there.
    /// </summary>
    public bool TrySerialize(ClientProfile profile, out byte[] bytes, out ZBase32Error? error)
    {
        byte[] prefix;
        if (profile == ClientProfile.Python)
        {
            if (!ZBase32.TryDecode(UserSignature, out prefix, out error))
            {
                bytes = [];
                return false;
            }
        }
        else
        {
            // Latin-1 keeps one byte per character even for a non-ASCII string, which cannot come from a client
            // whose signature recovered (zbase32 is ASCII).
            prefix = System.Text.Encoding.Latin1.GetBytes(UserSignature);
            error = null;
        }

        bytes = new byte[prefix.Length + sizeof(uint)];
        prefix.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(prefix.Length), StartBlock);
        return true;
    }

    /// <exception cref="ZBase32FormatException">Python layout and the user signature is not zbase32.</exception>
    public byte[] Serialize(ClientProfile profile = ClientProfile.Rust) =>
        TrySerialize(profile, out var bytes, out var error) ? bytes : throw new ZBase32FormatException(error!);

    /// <summary>The zbase32 <c>signature</c> of the /add_appointment response.</summary>
    public string Sign(SecretKey towerKey, ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null) =>
        (signer ?? LightningMessageSigner.Default).Sign(towerKey, Serialize(profile));

    public bool TryRecoverSigner(string signature, out PublicKey towerId, out SignatureFailure failure,
        ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null)
    {
        if (!TrySerialize(profile, out var bytes, out _))
        {
            towerId = default;
            failure = SignatureFailure.InvalidZBase32;
            return false;
        }

        return (signer ?? LightningMessageSigner.Default).TryRecover(bytes, signature, out towerId, out failure);
    }

    public bool Verify(string signature, PublicKey towerId, ClientProfile profile = ClientProfile.Rust, LightningMessageSigner? signer = null) =>
        TryRecoverSigner(signature, out var recovered, out _, profile, signer) && recovered == towerId;
}
