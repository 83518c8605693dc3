using System.Text.Json;
using NBitcoin;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Every entry of vectors.json#transactions parses to the listed fields and ids, and serializes back byte for byte.</summary>
public class TransactionVectorTests
{
    public static IEnumerable<object[]> Transactions => SpecVectors.Rows("transactions");

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Txid_and_wtxid_match_the_vector(VectorRow row)
    {
        var tx = Parse(row);

        Assert.Equal(row.Str("txid"), tx.GetHash().ToString());
        Assert.Equal(row.Str("txid_internal_hex"), Hex.Encode(tx.GetHash().ToBytes()));
        Assert.Equal(row.Str("wtxid"), tx.GetWitHash().ToString());
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Sizes_and_serializations_match_the_vector(VectorRow row)
    {
        var tx = Parse(row);
        var withoutWitness = tx.WithOptions(TransactionOptions.None).ToBytes();

        Assert.Equal(row.Num("size"), tx.GetSerializedSize());
        Assert.Equal(row.Str("hex"), tx.ToHex());
        Assert.Equal(row.Str("non_witness_serialization_hex"), Hex.Encode(withoutWitness));
        Assert.Equal(tx.GetHash(), NBitcoin.Crypto.Hashes.DoubleSHA256(withoutWitness));
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Header_fields_match_the_vector(VectorRow row)
    {
        var tx = Parse(row);

        Assert.Equal(row.Num("version"), tx.Version);
        Assert.Equal(row.Num("locktime"), tx.LockTime.Value);
        Assert.Equal(row.Entry.GetProperty("segwit").GetBoolean(), tx.HasWitness);
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Inputs_match_the_vector(VectorRow row)
    {
        var tx = Parse(row);
        var expected = row.Entry.GetProperty("inputs").EnumerateArray().ToList();

        Assert.Equal(expected.Count, tx.Inputs.Count);
        foreach (var (want, input) in expected.Zip(tx.Inputs))
        {
            Assert.Equal(want.GetProperty("prev_txid").GetString(), input.PrevOut.Hash.ToString());
            Assert.Equal(want.GetProperty("prev_vout").GetUInt32(), input.PrevOut.N);
            Assert.Equal(want.GetProperty("script_sig").GetString(), Hex.Encode(input.ScriptSig.ToBytes(@unsafe: true)));
            Assert.Equal(want.GetProperty("sequence").GetUInt32(), input.Sequence.Value);
            Assert.Equal(HexList(want.GetProperty("witness")), input.WitScript.Pushes.Select(push => Hex.Encode(push)));
        }
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Outputs_match_the_vector(VectorRow row)
    {
        var tx = Parse(row);
        var expected = row.Entry.GetProperty("outputs").EnumerateArray().ToList();

        Assert.Equal(expected.Count, tx.Outputs.Count);
        foreach (var (want, output) in expected.Zip(tx.Outputs))
        {
            Assert.Equal(want.GetProperty("value").GetInt64(), output.Value.Satoshi);
            Assert.Equal(want.GetProperty("script_pubkey").GetString(), Hex.Encode(output.ScriptPubKey.ToBytes(@unsafe: true)));
        }
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Bytes_and_hex_entry_points_agree(VectorRow row)
    {
        var bytes = Hex.Decode(row.Str("hex"));

        Assert.True(BitcoinWire.TryParseTransaction(bytes, out var fromBytes, out _));
        Assert.True(BitcoinWire.TryParseTransactionHex(row.Str("hex").ToUpperInvariant(), out var fromHex, out _));
        Assert.Equal(fromBytes.GetHash(), BitcoinWire.ParseTransaction(bytes).GetHash());
        Assert.Equal(fromBytes.GetHash(), fromHex.GetHash());
    }

    private static Transaction Parse(VectorRow row) =>
        BitcoinWire.TryParseTransactionHex(row.Str("hex"), out var tx, out var error) ? tx : throw new Xunit.Sdk.XunitException(error);

    private static IEnumerable<string> HexList(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!);
}
