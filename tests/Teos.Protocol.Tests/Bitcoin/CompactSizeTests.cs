using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>CompactSize: every width round-trips at its edges, and only the shortest form is read back.</summary>
public class CompactSizeTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(0xfcUL, "fc")]
    [InlineData(0xfdUL, "fdfd00")]
    [InlineData(0xffffUL, "fdffff")]
    [InlineData(0x10000UL, "fe00000100")]
    [InlineData(0xffffffffUL, "feffffffff")]
    [InlineData(0x100000000UL, "ff0000000001000000")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff")]
    public void Writes_and_reads_the_shortest_form(ulong value, string hex)
    {
        var bytes = new byte[CompactSize.SizeOf(value)];
        var writer = new BitcoinWriter(bytes);
        writer.WriteCompactSize(value);

        Assert.Equal(hex, Hex.Encode(bytes));
        var reader = new BitcoinReader(bytes);
        Assert.True(reader.TryReadCompactSize(out var read));
        Assert.Equal(value, read);
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData("fdfc00")]
    [InlineData("feffff0000")]
    [InlineData("ffffffffff00000000")]
    public void Longer_form_than_needed_is_refused(string hex)
    {
        var reader = new BitcoinReader(Hex.Decode(hex));

        Assert.False(reader.TryReadCompactSize(out _));
        Assert.Equal(BitcoinFormatErrorKind.NonCanonicalCompactSize, reader.Error!.Kind);
        Assert.Equal(0, reader.Error.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fd00")]
    [InlineData("fe000001")]
    [InlineData("ff00000000010000")]
    public void Cut_off_size_is_truncation(string hex)
    {
        var reader = new BitcoinReader(Hex.Decode(hex));

        Assert.False(reader.TryReadCompactSize(out _));
        Assert.Equal(BitcoinFormatErrorKind.Truncated, reader.Error!.Kind);
    }

    [Fact]
    public void Count_is_bounded_by_what_the_remaining_bytes_can_hold()
    {
        var reader = new BitcoinReader(Hex.Decode("03" + "aabbccddeeff"));

        Assert.False(reader.TryReadCount(minimumElementSize: 3, out _));
        Assert.Equal(BitcoinFormatErrorKind.SizeExceedsInput, reader.Error!.Kind);
    }

    [Fact]
    public void Var_bytes_longer_than_the_input_are_refused()
    {
        var reader = new BitcoinReader(Hex.Decode("05aabbccdd"));

        Assert.False(reader.TryReadVarBytes(out _));
        Assert.Equal(BitcoinFormatErrorKind.SizeExceedsInput, reader.Error!.Kind);
    }
}
