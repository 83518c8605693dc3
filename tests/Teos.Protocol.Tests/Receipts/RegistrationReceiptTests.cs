using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.Protocol.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Receipts;

/// <summary>spec 2.2: 45-byte receipt (rust) and 41-byte receipt (python), signed by the tower.</summary>
public class RegistrationReceiptTests
{
    public static IEnumerable<object[]> Rows => TestEngines.Cross(SpecVectors.Rows("registration_receipts"));

    private static RegistrationReceipt Receipt(VectorRow row) => new(
        UserId.ParseHex(row.Str("user_id")),
        (uint)row.Num("available_slots"),
        (uint)row.Num("subscription_start"),
        (uint)row.Num("subscription_expiry"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Both_layouts_serialize_as_the_vector(VectorRow row, string engine)
    {
        _ = engine;
        var rust = Receipt(row).Serialize(ClientProfile.Rust);
        var python = Receipt(row).Serialize(ClientProfile.Python);
        Assert.Equal(RegistrationReceipt.RustSize, rust.Length);
        Assert.Equal(RegistrationReceipt.PythonSize, python.Length);
        Assert.Equal(row.Str("serialized_hex"), Hex.Encode(rust));
        Assert.Equal(row.Str("python_teos_serialized_hex"), Hex.Encode(python));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_tower_signature_is_reproduced_for_both_layouts(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var towerKey = SecretKey.ParseHex(row.Str("tower_private_key_hex"), signer.Engine);
        Assert.Equal(row.Str("tower_id"), towerKey.PublicKey.ToHex());
        Assert.Equal(row.Str("subscription_signature"), Receipt(row).Sign(towerKey, ClientProfile.Rust, signer));
        Assert.Equal(row.Str("python_teos_subscription_signature"), Receipt(row).Sign(towerKey, ClientProfile.Python, signer));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_client_recovers_the_tower_id_from_the_signature(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var towerId = PublicKey.ParseHex(row.Str("tower_id"));
        Assert.True(Receipt(row).TryRecoverSigner(row.Str("subscription_signature"), out var recovered, out _, ClientProfile.Rust, signer));
        Assert.Equal(towerId, recovered);
        Assert.True(Receipt(row).Verify(row.Str("python_teos_subscription_signature"), towerId, ClientProfile.Python, signer));
        // A signature of one layout does not verify under the other.
        Assert.False(Receipt(row).Verify(row.Str("subscription_signature"), towerId, ClientProfile.Python, signer));
    }
}
