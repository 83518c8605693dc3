using FsCheck.Fluent;
using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Teos.Protocol.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Users;

/// <summary>user_id parsing classifies failures as /register reports them (spec 3.3): format vs size.</summary>
public class UserIdTests
{
    public static IEnumerable<object[]> Users => SpecVectors.Rows("uuids");

    [Theory]
    [MemberData(nameof(Users))]
    public void Vector_user_ids_parse_and_print_back(VectorRow row)
    {
        Assert.True(UserId.TryParseHex(row.Str("user_id"), out var userId, out var error), error?.Message);
        Assert.Equal(row.Str("user_id"), userId.ToHex());
        Assert.True(UserId.TryParseHex(row.Str("user_id").ToUpperInvariant(), out var upper, out _));
        Assert.Equal(userId, upper);
    }

    [Theory]
    [InlineData("032e09abd3f3af58dee08e2071ef31a71ba6d991d337b359778dc3fb1e15af473", KeyErrorKind.InvalidHex)]
    [InlineData("zz2e09abd3f3af58dee08e2071ef31a71ba6d991d337b359778dc3fb1e15af4730", KeyErrorKind.InvalidHex)]
    [InlineData("032e09abd3f3af58dee08e2071ef31a71ba6d991d337b359778dc3fb1e15af47", KeyErrorKind.WrongSize)]
    [InlineData("032e09abd3f3af58dee08e2071ef31a71ba6d991d337b359778dc3fb1e15af473000", KeyErrorKind.WrongSize)]
    [InlineData("", KeyErrorKind.WrongSize)]
    [InlineData("042e09abd3f3af58dee08e2071ef31a71ba6d991d337b359778dc3fb1e15af4730", KeyErrorKind.InvalidKey)]
    [InlineData("020000000000000000000000000000000000000000000000000000000000000005", KeyErrorKind.InvalidKey)]
    [InlineData("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30", KeyErrorKind.InvalidKey)]
    public void Malformed_user_ids_give_the_kind_the_error_code_needs(string hex, KeyErrorKind kind)
    {
        foreach (var engine in TestEngines.Names)
        {
            Assert.False(UserId.TryParseHex(hex, TestEngines.Get(engine), out _, out var error));
            Assert.Equal(kind, error!.Kind);
        }
    }

    [Fact]
    public void A_wrong_size_reports_the_decoded_length()
    {
        UserId.TryParseHex("0011", out _, out var error);
        Assert.Equal(2, error!.Received);
        Assert.Equal(33, error.Expected);
    }

    [Fact]
    public void An_invalid_key_uses_the_rust_teos_message()
    {
        UserId.TryParseHex("040000000000000000000000000000000000000000000000000000000000000001", out _, out var error);
        Assert.Equal("Provided public key does not match expected format (33-byte compressed key)", error!.Message);
    }

    [Fact]
    public void Random_strings_never_throw() =>
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(80).ToArbitrary(), text =>
            UserId.TryParseHex(text, out _, out var error) || error is not null), runs: 2000);

    [Fact]
    public void Random_33_byte_keys_are_accepted_exactly_when_on_the_curve() =>
        PropertyRuns.Check(Prop.ForAll(Generators.BytesOfLength(33).ToArbitrary(), bytes =>
        {
            bytes[0] = (byte)(2 + (bytes[0] & 1));
            var native = UserId.TryFromBytes(bytes, TestEngines.Get(TestEngines.Native), out _, out _);
            var managed = UserId.TryFromBytes(bytes, TestEngines.Get(TestEngines.Managed), out _, out _);
            return native == managed;
        }), runs: 1000);
}
