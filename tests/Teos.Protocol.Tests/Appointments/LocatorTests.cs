using FsCheck.Fluent;
using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;
using Teos.Protocol.Profiles;
using Teos.Protocol.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Appointments;

/// <summary>spec 1.3 and 9: the locator is the first 16 internal-order bytes (rust) or display-order bytes (python).</summary>
public class LocatorTests
{
    public static IEnumerable<object[]> Rows => SpecVectors.Rows("locators");

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_rust_locator_is_the_first_16_internal_bytes(VectorRow row)
    {
        var txid = uint256.Parse(row.Str("dispute_txid"));
        Assert.Equal(row.Str("txid_internal_hex"), Hex.Encode(txid.ToBytes()));
        Assert.Equal(row.Str("locator"), Locator.FromTxid(txid).ToHex());
        Assert.Equal(row.Str("locator"), Locator.FromTxid(txid, ClientProfile.Rust).ToHex());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_python_locator_is_the_first_16_display_bytes(VectorRow row)
    {
        var txid = uint256.Parse(row.Str("dispute_txid"));
        Assert.Equal(row.Str("locator_python_teos"), Locator.FromTxid(txid, ClientProfile.Python).ToHex());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Hex_parsing_accepts_both_cases_and_round_trips(VectorRow row)
    {
        Assert.True(Locator.TryParseHex(row.Str("locator").ToUpperInvariant(), out var locator, out _));
        Assert.Equal(row.Str("locator"), locator.ToHex());
        Assert.Equal(locator, Locator.FromBytes(locator.ToArray()));
    }

    [Theory]
    [InlineData("760ac2517f77c60ccf51f113c68849f", HexErrorKind.OddLength)]
    [InlineData("760ac2517f77c60ccf51f113c68849fx", HexErrorKind.InvalidCharacter)]
    [InlineData("760ac2517f77c60ccf51f113c68849", HexErrorKind.WrongSize)]
    [InlineData("760ac2517f77c60ccf51f113c68849f700", HexErrorKind.WrongSize)]
    [InlineData("", HexErrorKind.WrongSize)]
    public void Malformed_locators_give_a_typed_error(string hex, HexErrorKind kind)
    {
        Assert.False(Locator.TryParseHex(hex, out _, out var error));
        Assert.Equal(kind, error!.Kind);
    }

    [Fact]
    public void Random_strings_never_throw() =>
        PropertyRuns.Check(Prop.ForAll(Generators.HostileStrings(40).ToArbitrary(), text =>
            Locator.TryParseHex(text, out _, out var error) || error is not null), runs: 2000);

    [Fact]
    public void Ordering_and_equality_follow_the_bytes() =>
        PropertyRuns.Check(Prop.ForAll(Generators.BytesOfLength(16).ToArbitrary(), Generators.BytesOfLength(16).ToArbitrary(), (a, b) =>
        {
            var left = Locator.FromBytes(a);
            var right = Locator.FromBytes(b);
            return Math.Sign(left.CompareTo(right)) == Math.Sign(a.AsSpan().SequenceCompareTo(b))
                && (left == right) == a.AsSpan().SequenceEqual(b);
        }), runs: 500);
}
