using Teos.Protocol.Bitcoin;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Bitcoin's merkle rule: pairwise SHA256d of internal-order txids, the last of an odd level paired with itself.</summary>
public class MerkleRootTests
{
    [Fact]
    public void Block_170_root_from_its_two_txids()
    {
        Txid[] txids =
        [
            Txid.ParseDisplayHex("b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c5082"),
            Txid.ParseDisplayHex("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"),
        ];

        Assert.Equal("7dac2c5666815c17a3b36427de37bb9d2e2c5ccec3f8633eb91a4205cb4c10ff", Block.ComputeMerkleRoot(txids).ToDisplayHex());
    }

    [Fact]
    public void Odd_level_duplicates_its_last_hash()
    {
        // Leaves SHA256d(0x00), SHA256d(0x01), SHA256d(0x02); root computed independently in Python.
        var txids = Enumerable.Range(0, 3).Select(i => Txid.HashOf([(byte)i])).ToArray();

        Assert.Equal("e129dfe02f567fc612d126596d43406144f40a771810ac7143421d2df3e5c1d0", Block.ComputeMerkleRoot(txids).ToInternalHex());
    }

    [Fact]
    public void Single_txid_is_its_own_root()
    {
        var txid = Txid.HashOf([42]);

        Assert.Equal(txid, Block.ComputeMerkleRoot([txid]));
    }

    [Fact]
    public void Empty_list_gives_the_zero_hash_as_in_bitcoind()
    {
        Assert.Equal(Txid.Zero, Block.ComputeMerkleRoot([]));
    }
}
