using NBitcoin;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>
/// Spec 1.10's refusals: every vectors.json#transactions_invalid entry, each rule on its own, and what NBitcoin
/// alone would let through (<see cref="Zero_inputs_then_flag_zero_is_refused_although_NBitcoin_reads_it"/>,
/// <see cref="Trailing_byte_is_refused"/>).
/// </summary>
public class TransactionRejectionTests
{
    /// <summary>A valid legacy transaction (vectors.json#transactions, block 170).</summary>
    private const string LegacyHex =
        "0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000";

    public static IEnumerable<object[]> Invalid => SpecVectors.Rows("transactions_invalid");

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_vector_is_refused_with_a_reason(VectorRow row)
    {
        var bytes = Hex.Decode(row.Str("hex"));

        Assert.False(BitcoinWire.TryParseTransaction(bytes, out var tx, out var error), row.Str("reason"));
        Assert.Null(tx);
        Assert.False(string.IsNullOrEmpty(error));
        var thrown = Assert.Throws<FormatException>(() => BitcoinWire.ParseTransaction(bytes));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Zero_inputs_then_flag_zero_is_refused_although_NBitcoin_reads_it()
    {
        // version, zero inputs, flag 0, locktime: bitcoind's reader (and NBitcoin's) sees a transaction without
        // inputs or outputs; rust-bitcoin calls it an unsupported segwit flag.
        var bytes = Hex.Decode("01000000" + "00" + "00" + "00000000");
        var lenient = BitcoinWire.Factory.CreateTransaction();
        lenient.ReadWrite(bytes, BitcoinWire.Factory);

        Assert.Empty(lenient.Inputs);
        Assert.False(BitcoinWire.TryParseTransaction(bytes, out _, out var error));
        Assert.Contains("segwit flag", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_inputs_then_flag_other_than_one_is_refused()
    {
        AssertRefused("0200000000020100");
        AssertRefused("0200000000020100000000");
        AssertRefused("010000000000");
    }

    [Fact]
    public void Witness_form_without_inputs_is_refused()
    {
        AssertRefused("0100000000010000" + "00000000");
    }

    [Fact]
    public void Trailing_byte_is_refused()
    {
        Assert.True(BitcoinWire.TryParseTransactionHex(LegacyHex, out _, out _));

        Assert.Equal("1 trailing bytes", AssertRefused(LegacyHex + "00"));
    }

    [Fact]
    public void Missing_locktime_byte_is_truncation()
    {
        Assert.Equal("Truncated", AssertRefused(LegacyHex[..^2]));
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
        Assert.Contains("non-canonical", AssertRefused("01000000" + count + LegacyHex[10..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Script_length_beyond_the_input_is_refused()
    {
        // First input's scriptSig length 0x48 replaced by 0xfe ffffff7f.
        AssertRefused(LegacyHex[..82] + "feffffff7f" + LegacyHex[84..]);
    }

    [Theory]
    [InlineData("ffffffffffffffffff")]
    [InlineData("fe00000001")]
    [InlineData("fd0010")]
    public void A_count_beyond_the_input_fails_without_allocating_for_it(string count)
    {
        var bytes = Hex.Decode("01000000" + count + LegacyHex[10..]);
        BitcoinWire.TryParseTransaction(bytes, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = BitcoinWire.TryParseTransaction(bytes, out _, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(parsed);
        // A count of 4,096 (0xfd0010) is under NBitcoin's own 4 MiB cap but not under the input's length.
        Assert.True(allocated < 8 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Malformed_hex_is_refused_with_the_hex_error()
    {
        Assert.False(BitcoinWire.TryParseTransactionHex("0g", out _, out var error));
        Assert.Contains("Invalid character", error, StringComparison.Ordinal);
        Assert.False(BitcoinWire.TryParseTransactionHex("abc", out _, out _));
    }

    private static string AssertRefused(string hex)
    {
        Assert.False(BitcoinWire.TryParseTransactionHex(hex, out var tx, out var error));
        Assert.Null(tx);
        return error;
    }
}
