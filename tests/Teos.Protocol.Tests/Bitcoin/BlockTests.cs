using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Blocks as bitcoind's <c>getblock &lt;hash&gt; 0</c> returns them: build, serialize, parse, hash.</summary>
public class BlockTests
{
    private const string GenesisHeaderHex =
        "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c";

    private static string GenesisCoinbaseHex => ((VectorRow)SpecVectors.Rows("transactions").First()[0]).Str("hex");

    private static string GenesisBlockHex => GenesisHeaderHex + "01" + GenesisCoinbaseHex;

    [Fact]
    public void Genesis_block_has_the_well_known_hash()
    {
        var block = Block.ParseHex(GenesisBlockHex);

        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", block.Hash.ToDisplayHex());
        Assert.Equal(Txid.Zero, block.Header.PreviousBlockHash);
        Assert.Equal(1231006505u, block.Header.Time);
        Assert.Equal(0x1d00ffffu, block.Header.Bits);
        Assert.Equal(2083236893u, block.Header.Nonce);
        Assert.True(Assert.Single(block.Transactions).IsCoinbase);
    }

    [Fact]
    public void Genesis_merkle_root_is_its_only_txid_and_the_block_reserializes_exactly()
    {
        var block = Block.ParseHex(GenesisBlockHex);

        Assert.Equal(block.Transactions[0].Txid, block.Header.MerkleRoot);
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
        Assert.Equal(GenesisBlockHex, block.ToHex());
        Assert.Equal(GenesisBlockHex.Length / 2, block.Size);
    }

    [Fact]
    public void Built_block_commits_to_its_transactions_and_round_trips()
    {
        var transactions = TestBlocks.Transactions(count: 7);
        var previous = Txid.ParseDisplayHex("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");

        var block = Block.Create(previous, transactions, time: 1_700_000_000);
        var parsed = Block.Parse(block.Serialize());

        Assert.Equal(Block.ComputeMerkleRoot(transactions.Select(tx => tx.Txid).ToArray()), block.Header.MerkleRoot);
        Assert.Equal(block.Hash, parsed.Hash);
        Assert.Equal(Txid.HashOf(block.Header.Serialize()), parsed.Hash);
        Assert.Equal(previous, parsed.Header.PreviousBlockHash);
        Assert.Equal(transactions.Select(tx => tx.Txid), parsed.Transactions.Select(tx => tx.Txid));
        Assert.Equal(block.Serialize(), parsed.Serialize());
        Assert.Equal(parsed.Header.MerkleRoot, parsed.ComputeMerkleRoot());
    }

    [Fact]
    public void Every_truncation_of_a_block_is_refused_with_the_typed_error()
    {
        var bytes = Block.Create(Txid.Zero, TestBlocks.Transactions(count: 3), time: 1).Serialize();

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Block.TryParse(bytes.AsSpan(0, length), out _, out var error));
            Assert.InRange(error.Offset, 0, length);
        }
    }

    [Fact]
    public void Trailing_byte_after_a_block_is_refused()
    {
        var bytes = Hex.Decode(GenesisBlockHex + "00");

        Assert.False(Block.TryParse(bytes, out _, out var error));
        Assert.Equal(BitcoinFormatErrorKind.TrailingBytes, error.Kind);
        Assert.Equal(bytes.Length - 1, error.Offset);
        Assert.Throws<BitcoinFormatException>(() => Block.Parse(bytes));
    }

    [Fact]
    public void Absurd_transaction_count_is_refused_before_allocating()
    {
        var hex = GenesisHeaderHex + "ffffffffffffffffff" + GenesisCoinbaseHex;

        Assert.False(Block.TryParseHex(hex, out _, out var error));
        Assert.Equal(BitcoinFormatErrorKind.SizeExceedsInput, error.Kind);
        Assert.Equal(BlockHeader.Size, error.Offset);
    }

    [Fact]
    public void Header_parses_alone_and_needs_exactly_80_bytes()
    {
        var header = BlockHeader.ParseHex(GenesisHeaderHex);

        Assert.Equal(GenesisHeaderHex, header.ToHex());
        Assert.False(BlockHeader.TryParseHex(GenesisHeaderHex[..^2], out _, out var truncated));
        Assert.Equal(BitcoinFormatErrorKind.Truncated, truncated.Kind);
        Assert.False(BlockHeader.TryParseHex(GenesisHeaderHex + "00", out _, out var trailing));
        Assert.Equal(BitcoinFormatErrorKind.TrailingBytes, trailing.Kind);
    }

    [Fact]
    public void A_new_nonce_gives_a_new_hash()
    {
        var header = BlockHeader.ParseHex(GenesisHeaderHex);

        var changed = header.WithNonce(header.Nonce + 1);

        Assert.NotEqual(header.Hash, changed.Hash);
        Assert.Equal(header.MerkleRoot, changed.MerkleRoot);
    }
}
