using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Receipts;

/// <summary>spec 2.3: the rust receipt signs the signature's text, the python one its 65 decoded bytes.</summary>
public class AppointmentReceiptTests
{
    public static IEnumerable<object[]> Rows => TestEngines.Cross(SpecVectors.Rows("appointment_receipts"));

    private static AppointmentReceipt Receipt(VectorRow row) => new(row.Str("user_signature"), (uint)row.Num("start_block"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Both_layouts_serialize_as_the_vector(VectorRow row, string engine)
    {
        _ = engine;
        Assert.Equal(row.Str("serialized_hex"), Hex.Encode(Receipt(row).Serialize(ClientProfile.Rust)));
        Assert.Equal(row.Str("python_teos_serialized_hex"), Hex.Encode(Receipt(row).Serialize(ClientProfile.Python)));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_tower_signature_is_reproduced_for_both_layouts(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var towerKey = SecretKey.ParseHex(row.Str("tower_private_key_hex"), signer.Engine);
        Assert.Equal(row.Str("signature"), Receipt(row).Sign(towerKey, ClientProfile.Rust, signer));
        Assert.Equal(row.Str("python_teos_signature"), Receipt(row).Sign(towerKey, ClientProfile.Python, signer));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_client_recovers_the_tower_id_from_the_signature(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var towerId = PublicKey.ParseHex(row.Str("tower_id"));
        Assert.True(Receipt(row).TryRecoverSigner(row.Str("signature"), out var recovered, out _, ClientProfile.Rust, signer));
        Assert.Equal(towerId, recovered);
        Assert.True(Receipt(row).Verify(row.Str("python_teos_signature"), towerId, ClientProfile.Python, signer));
    }

    [Fact]
    public void The_rust_layout_keeps_the_signature_text_as_received()
    {
        // Upper case is not re-encoded: the receipt signs the characters the user sent (pitfall 2).
        var receipt = new AppointmentReceipt("ABC", 1);
        Assert.Equal("41424300000001", Hex.Encode(receipt.Serialize(ClientProfile.Rust)));
    }

    [Fact]
    public void A_python_receipt_over_a_non_zbase32_signature_is_a_typed_failure()
    {
        var receipt = new AppointmentReceipt("not zbase32!", 1);
        Assert.False(receipt.TrySerialize(ClientProfile.Python, out _, out var error));
        Assert.NotNull(error);
        Assert.Throws<ZBase32FormatException>(() => receipt.Serialize(ClientProfile.Python));
        Assert.False(receipt.TryRecoverSigner("whatever", out _, out _, ClientProfile.Python));
    }
}
