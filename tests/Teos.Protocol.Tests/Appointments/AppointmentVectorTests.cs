using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.Protocol.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Appointments;

/// <summary>spec 2.1: serialization, user signature, uuid and slot cost of each vector appointment.</summary>
public class AppointmentVectorTests
{
    public static IEnumerable<object[]> Rows => SpecVectors.Rows("appointments");
    public static IEnumerable<object[]> RowsByEngine => TestEngines.Cross(Rows);

    private static byte[] Serialized(VectorRow row) => AppointmentSerialization.Serialize(
        Locator.ParseHex(row.Str("locator")), Hex.Decode(row.Str("encrypted_blob")), (uint)row.Num("to_self_delay"));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Serialization_is_locator_blob_and_big_endian_delay(VectorRow row) =>
        Assert.Equal(row.Str("serialized_hex"), Hex.Encode(Serialized(row)));

    [Theory]
    [MemberData(nameof(RowsByEngine))]
    public void The_user_signature_is_reproduced_and_recovers_the_user(VectorRow row, string engine)
    {
        var signer = TestEngines.Signer(engine);
        var key = SecretKey.ParseHex(row.Str("user_private_key_hex"), signer.Engine);
        Assert.Equal(row.Str("user_id"), key.PublicKey.ToHex());
        Assert.Equal(row.Str("user_signature"), signer.Sign(key, Serialized(row)));
        Assert.True(signer.TryRecover(Serialized(row), row.Str("user_signature"), out PublicKey recovered, out _));
        Assert.Equal(row.Str("user_id"), recovered.ToHex());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_uuid_binds_locator_and_user(VectorRow row) =>
        Assert.Equal(row.Str("uuid"), AppointmentUuid.Compute(Locator.ParseHex(row.Str("locator")), UserId.ParseHex(row.Str("user_id"))).ToHex());

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_slot_cost_is_ceil_of_blob_length_over_2048(VectorRow row) =>
        Assert.Equal((uint)row.Num("slots_required"), SlotCost.Of(Hex.Decode(row.Str("encrypted_blob")).Length));
}
