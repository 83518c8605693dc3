using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Coinbases as bitcoind's block assembler writes them: BIP34 height push then OP_0.</summary>
public class CoinbaseTests
{
    [Theory]
    [InlineData(0, "0000")]
    [InlineData(1, "5100")]
    [InlineData(16, "6000")]
    [InlineData(17, "011100")]
    [InlineData(127, "017f00")]
    [InlineData(128, "02800000")]
    [InlineData(500, "02f40100")]
    [InlineData(840_000, "0340d10c00")]
    public void Script_sig_starts_with_the_minimal_height_push(int height, string scriptSigHex)
    {
        var coinbase = Coinbase.Create(height, 50_0000_0000, [0x51]);

        Assert.Equal(scriptSigHex, Hex.Encode(coinbase.Inputs[0].ScriptSig.Span));
        Assert.True(coinbase.IsCoinbase);
        Assert.Equal(Transaction.Parse(coinbase.Serialize()).Txid, coinbase.Txid);
    }

    [Fact]
    public void Coinbases_at_different_heights_have_different_txids()
    {
        Assert.NotEqual(Coinbase.Create(1, 1, [0x51]).Txid, Coinbase.Create(2, 1, [0x51]).Txid);
    }
}
