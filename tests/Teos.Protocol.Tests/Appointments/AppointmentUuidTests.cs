using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Appointments;

/// <summary>spec 1.5: uuid = RIPEMD160(locator || user_id).</summary>
public class AppointmentUuidTests
{
    public static IEnumerable<object[]> Rows => SpecVectors.Rows("uuids");

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_uuid_is_ripemd160_of_locator_and_user_id(VectorRow row)
    {
        var uuid = AppointmentUuid.Compute(Locator.ParseHex(row.Str("locator")), UserId.ParseHex(row.Str("user_id")));
        Assert.Equal(row.Str("uuid"), uuid.ToHex());
        Assert.Equal(row.Str("preimage_hex"), row.Str("locator") + row.Str("user_id"));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Uuid_hex_round_trips(VectorRow row)
    {
        Assert.True(AppointmentUuid.TryParseHex(row.Str("uuid"), out var uuid, out _));
        Assert.Equal(row.Str("uuid"), uuid.ToHex());
    }

    [Fact]
    public void A_uuid_of_the_wrong_size_is_refused()
    {
        Assert.False(AppointmentUuid.TryParseHex("00", out _, out var error));
        Assert.Equal(HexErrorKind.WrongSize, error!.Kind);
    }
}
