using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Spec 1.10's refusals: every vectors.json#transactions_invalid entry, and each rule on its own.</summary>
public class TransactionRejectionTests
{
    /// <summary>A valid legacy transaction (vectors.json#transactions, block 170).</summary>
    private const string LegacyHex =
        "0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000";

    public static IEnumerable<object[]> Invalid => SpecVectors.Rows("transactions_invalid");

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_vector_is_refused_with_a_typed_error(VectorRow row)
    {
        var bytes = Hex.Decode(row.Str("hex"));

        Assert.False(Transaction.TryParse(bytes, out var tx, out var error), row.Str("reason"));
        Assert.Null(tx);
        Assert.InRange(error.Offset, 0, bytes.Length);
        var thrown = Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(bytes));
        Assert.Equal(error, thrown.Error);
    }

    [Fact]
    public void Zero_inputs_then_flag_other_than_one_is_an_unsupported_segwit_flag()
    {
        AssertRefused("0200000000020100", BitcoinFormatErrorKind.UnsupportedSegwitFlag, offset: 5);
        AssertRefused("010000000000", BitcoinFormatErrorKind.UnsupportedSegwitFlag, offset: 5);
    }

    [Fact]
    public void Witness_form_without_inputs_is_refused()
    {
        AssertRefused("0100000000010000" + "00000000", BitcoinFormatErrorKind.EmptyWitness, offset: 6);
    }

    [Fact]
    public void Trailing_byte_is_refused_at_its_offset()
    {
        AssertRefused(LegacyHex + "00", BitcoinFormatErrorKind.TrailingBytes, offset: LegacyHex.Length / 2);
    }

    [Fact]
    public void Missing_locktime_byte_is_truncation()
    {
        AssertRefused(LegacyHex[..^2], BitcoinFormatErrorKind.Truncated, offset: LegacyHex.Length / 2 - 4);
    }

    [Theory]
    [InlineData("fd0100")]
    [InlineData("fdfc00")]
    [InlineData("fe01000000")]
    [InlineData("feffff0000")]
    [InlineData("ff0100000000000000")]
    [InlineData("ffffffffff00000000")]
    public void Non_shortest_input_count_is_refused(string count)
    {
        AssertRefused("01000000" + count + LegacyHex[10..], BitcoinFormatErrorKind.NonCanonicalCompactSize, offset: 4);
    }

    [Fact]
    public void Script_length_beyond_the_input_is_refused_before_reading()
    {
        // First input's scriptSig length 0x48 replaced by 0xfe ffffff7f.
        var hex = LegacyHex[..82] + "feffffff7f" + LegacyHex[84..];

        AssertRefused(hex, BitcoinFormatErrorKind.SizeExceedsInput, offset: 41);
    }

    [Fact]
    public void Absurd_input_count_fails_without_allocating_for_it()
    {
        var bytes = Hex.Decode("01000000ffffffffffffffffff" + LegacyHex[10..]);
        Transaction.TryParse(bytes, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = Transaction.TryParse(bytes, out _, out var error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(parsed);
        Assert.Equal(BitcoinFormatErrorKind.SizeExceedsInput, error!.Kind);
        Assert.True(allocated < 4096, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Malformed_hex_is_a_typed_error_too()
    {
        Assert.False(Transaction.TryParseHex("0g", out _, out var error));
        Assert.Equal(BitcoinFormatErrorKind.InvalidHex, error.Kind);
        Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex("abc"));
    }

    private static void AssertRefused(string hex, BitcoinFormatErrorKind kind, int offset)
    {
        Assert.False(Transaction.TryParseHex(hex, out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(offset, error.Offset);
    }
}
