using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Encoding;

public class ZBase32Tests
{
    public static IEnumerable<object[]> Valid => SpecVectors.Rows("zbase32");
    public static IEnumerable<object[]> Uppercase => SpecVectors.Rows("zbase32_uppercase_decode");
    public static IEnumerable<object[]> Invalid => SpecVectors.Rows("zbase32_invalid");

    [Theory]
    [MemberData(nameof(Valid))]
    public void Encoding_the_bytes_gives_the_vector_string(VectorRow row) =>
        Assert.Equal(row.Str("zbase32"), ZBase32.Encode(Hex.Decode(row.Str("bytes_hex"))));

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decoding_the_vector_string_gives_the_bytes(VectorRow row)
    {
        Assert.True(ZBase32.TryDecode(row.Str("zbase32"), out var bytes, out var error), error?.Message);
        Assert.Equal(row.Str("bytes_hex"), Hex.Encode(bytes));
    }

    [Theory]
    [MemberData(nameof(Uppercase))]
    public void Decoding_is_case_insensitive(VectorRow row)
    {
        Assert.True(ZBase32.TryDecode(row.Str("zbase32"), out var bytes, out _));
        Assert.Equal(row.Str("bytes_hex"), Hex.Encode(bytes));
        Assert.Equal(row.Str("zbase32").ToLowerInvariant(), ZBase32.Encode(bytes));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_strings_are_refused_with_a_typed_error(VectorRow row)
    {
        Assert.False(ZBase32.TryDecode(row.Str("zbase32"), out var bytes, out var error));
        Assert.Empty(bytes);
        Assert.NotNull(error);
        var thrown = Assert.Throws<ZBase32FormatException>(() => ZBase32.Decode(row.Str("zbase32")));
        Assert.Equal(error, thrown.Error);
    }

    [Theory]
    [InlineData("y", ZBase32ErrorKind.InvalidLength)]
    [InlineData("yyy", ZBase32ErrorKind.InvalidLength)]
    [InlineData("yyyyyy", ZBase32ErrorKind.InvalidLength)]
    [InlineData("yb", ZBase32ErrorKind.NonZeroPadding)]
    [InlineData("0y", ZBase32ErrorKind.InvalidCharacter)]
    [InlineData("yé", ZBase32ErrorKind.InvalidCharacter)]
    public void Each_rule_has_its_own_error_kind(string text, ZBase32ErrorKind kind)
    {
        Assert.False(ZBase32.TryDecode(text, out _, out var error));
        Assert.Equal(kind, error!.Kind);
    }

    [Fact]
    public void Encoded_length_is_ceil_of_8_len_over_5()
    {
        Assert.Equal(104, ZBase32.GetEncodedLength(65));
        Assert.Equal(65, ZBase32.GetDecodedLength(104));
    }
}
