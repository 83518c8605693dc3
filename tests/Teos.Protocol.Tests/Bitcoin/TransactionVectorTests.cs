using System.Text.Json;
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
        var tx = Transaction.ParseHex(row.Str("hex"));

        Assert.Equal(row.Str("txid"), tx.Txid.ToDisplayHex());
        Assert.Equal(row.Str("txid_internal_hex"), tx.Txid.ToInternalHex());
        Assert.Equal(row.Str("wtxid"), tx.Wtxid.ToDisplayHex());
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Sizes_and_serializations_match_the_vector(VectorRow row)
    {
        var tx = Transaction.ParseHex(row.Str("hex"));

        Assert.Equal(row.Num("size"), tx.Size);
        Assert.Equal(row.Str("hex"), tx.ToHex());
        Assert.Equal(row.Str("non_witness_serialization_hex"), tx.ToHex(includeWitness: false));
        Assert.Equal(row.Str("non_witness_serialization_hex").Length / 2, tx.BaseSize);
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Header_fields_match_the_vector(VectorRow row)
    {
        var tx = Transaction.ParseHex(row.Str("hex"));

        Assert.Equal(row.Num("version"), tx.Version);
        Assert.Equal(row.Num("locktime"), tx.LockTime);
        Assert.Equal(row.Entry.GetProperty("segwit").GetBoolean(), tx.HasWitness);
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Inputs_match_the_vector(VectorRow row)
    {
        var tx = Transaction.ParseHex(row.Str("hex"));
        var expected = row.Entry.GetProperty("inputs").EnumerateArray().ToList();

        Assert.Equal(expected.Count, tx.Inputs.Length);
        foreach (var (want, input) in expected.Zip(tx.Inputs))
        {
            Assert.Equal(want.GetProperty("prev_txid").GetString(), input.PreviousOutput.Txid.ToDisplayHex());
            Assert.Equal(want.GetProperty("prev_vout").GetUInt32(), input.PreviousOutput.Vout);
            Assert.Equal(want.GetProperty("script_sig").GetString(), Hex.Encode(input.ScriptSig.Span));
            Assert.Equal(want.GetProperty("sequence").GetUInt32(), input.Sequence);
            Assert.Equal(HexList(want.GetProperty("witness")), input.Witness.Select(item => Hex.Encode(item.Span)));
        }
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Outputs_match_the_vector(VectorRow row)
    {
        var tx = Transaction.ParseHex(row.Str("hex"));
        var expected = row.Entry.GetProperty("outputs").EnumerateArray().ToList();

        Assert.Equal(expected.Count, tx.Outputs.Length);
        foreach (var (want, output) in expected.Zip(tx.Outputs))
        {
            Assert.Equal(want.GetProperty("value").GetInt64(), output.Value);
            Assert.Equal(want.GetProperty("script_pubkey").GetString(), Hex.Encode(output.ScriptPubKey.Span));
        }
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Rebuilding_from_the_parsed_fields_reproduces_bytes_and_txid(VectorRow row)
    {
        var parsed = Transaction.ParseHex(row.Str("hex"));

        var rebuilt = TransactionCopy.Of(parsed);

        Assert.Equal(row.Str("hex"), rebuilt.ToHex());
        Assert.Equal(parsed.Txid, rebuilt.Txid);
        Assert.Equal(parsed.Wtxid, rebuilt.Wtxid);
        Assert.Equal(parsed.Size, rebuilt.Size);
        Assert.Equal(parsed.BaseSize, rebuilt.BaseSize);
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Span_memory_and_hex_entry_points_agree(VectorRow row)
    {
        var bytes = Hex.Decode(row.Str("hex"));

        Assert.True(Transaction.TryParse(bytes, out var fromArray, out _));
        Assert.True(Transaction.TryParse(new ReadOnlyMemory<byte>(bytes), out var fromMemory, out _));
        Assert.True(Transaction.TryParseHex(row.Str("hex").ToUpperInvariant(), out var fromHex, out _));
        Assert.Equal(fromArray.Txid, Transaction.Parse(bytes.AsSpan()).Txid);
        Assert.Equal(fromArray.Txid, fromMemory.Txid);
        Assert.Equal(fromArray.Txid, fromHex.Txid);
    }

    private static IEnumerable<string> HexList(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!);
}
