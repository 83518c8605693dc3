using NBitcoin;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Blocks as bitcoind's <c>getblock &lt;hash&gt; 0</c> returns them, read whole through <see cref="BitcoinWire"/>.</summary>
public class BlockTests
{
    private const string GenesisHeaderHex =
        "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";

    private static string GenesisCoinbaseHex => ((VectorRow)SpecVectors.Rows("transactions").First()[0]).Str("hex");

    private static string GenesisBlockHex => GenesisHeaderHex + "01" + GenesisCoinbaseHex;

    [Fact]
    public void Genesis_block_has_the_well_known_hash_and_reserializes_exactly()
    {
        Assert.True(BitcoinWire.TryParseBlockHex(GenesisBlockHex, out var block, out _));

        Assert.Equal(uint256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"), block.GetHash());
        Assert.Equal(uint256.Zero, block.Header.HashPrevBlock);
        Assert.Equal(block.Transactions[0].GetHash(), block.Header.HashMerkleRoot);
        Assert.True(block.CheckMerkleRoot());
        Assert.True(Assert.Single(block.Transactions).IsCoinBase);
        Assert.Equal(GenesisBlockHex, Hex.Encode(block.ToBytes()));
    }

    [Fact]
    public void Every_truncation_of_a_block_is_refused()
    {
        var bytes = Hex.Decode(GenesisBlockHex);

        for (var length = 0; length < bytes.Length; length++)
            Assert.False(BitcoinWire.TryParseBlock(bytes[..length], out _, out _), $"{length} bytes");
    }

    [Fact]
    public void Trailing_byte_after_a_block_is_refused()
    {
        Assert.False(BitcoinWire.TryParseBlockHex(GenesisBlockHex + "00", out _, out var error));
        Assert.Equal("1 trailing bytes", error);
    }

    [Fact]
    public void Absurd_transaction_count_is_refused()
    {
        Assert.False(BitcoinWire.TryParseBlockHex(GenesisHeaderHex + "ffffffffffffffffff" + GenesisCoinbaseHex, out _, out _));
    }

    [Fact]
    public void Not_hex_is_refused_with_the_hex_error()
    {
        Assert.False(BitcoinWire.TryParseBlockHex(GenesisBlockHex[..^1] + "z", out _, out var error));
        Assert.Contains("Invalid character", error, StringComparison.Ordinal);
    }
}
