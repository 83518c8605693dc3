using FsCheck;
using FsCheck.Fluent;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Round trips of generated transactions, and hostile bytes never escaping as anything but the typed error.</summary>
public class TransactionPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static readonly byte[][] VectorTransactions =
        SpecVectors.Rows("transactions").Select(row => Hex.Decode(((VectorRow)row[0]).Str("hex"))).ToArray();

    [Fact]
    public void Legacy_transactions_round_trip()
    {
        Check.One(Runs, Prop.ForAll(Arb.From(BitcoinGen.Legacy), RoundTrips));
    }

    [Fact]
    public void Segwit_transactions_round_trip()
    {
        Check.One(Runs, Prop.ForAll(Arb.From(BitcoinGen.Segwit), RoundTrips));
    }

    [Fact]
    public void Random_bytes_are_parsed_or_refused_with_the_typed_error()
    {
        var prefixes = Gen.Elements(Array.Empty<byte>(), [0x01, 0, 0, 0], [0x02, 0, 0, 0, 0, 1]);
        var inputs =
            from prefix in prefixes
            from tail in BitcoinGen.Bytes(0, 120)
            select (byte[])[.. prefix, .. tail];

        Check.One(Runs, Prop.ForAll(Arb.From(inputs), OnlyTypedFailures));
    }

    [Fact]
    public void Mutated_generated_transactions_are_parsed_or_refused_with_the_typed_error()
    {
        var mutated =
            from tx in BitcoinGen.AnyTransaction
            from mutation in ByteMutation.Any
            select mutation.ApplyTo(tx.Serialize());

        Check.One(Runs, Prop.ForAll(Arb.From(mutated), OnlyTypedFailures));
    }

    [Fact]
    public void Mutated_vector_transactions_are_parsed_or_refused_with_the_typed_error()
    {
        var mutated =
            from original in Gen.Elements(VectorTransactions)
            from mutations in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(ByteMutation.Any, count))
            select mutations.Aggregate(original, (bytes, mutation) => mutation.ApplyTo(bytes));

        Check.One(Runs, Prop.ForAll(Arb.From(mutated), OnlyTypedFailures));
    }

    private static bool RoundTrips(Transaction built)
    {
        var bytes = built.Serialize();
        var parsed = Transaction.Parse(bytes);
        return parsed.Serialize().AsSpan().SequenceEqual(bytes)
            && parsed.Txid == built.Txid
            && parsed.Txid == Txid.HashOf(built.Serialize(includeWitness: false))
            && parsed.Wtxid == Txid.HashOf(bytes)
            && parsed.Size == bytes.Length
            && parsed.BaseSize == built.BaseSize
            && parsed.HasWitness == built.HasWitness;
    }

    /// <summary>
    /// Any exception other than the typed one fails the property. Whatever is accepted must re-serialize to
    /// exactly the same bytes: the parser admits only canonical encodings.
    /// </summary>
    private static bool OnlyTypedFailures(byte[] bytes)
    {
        if (!Transaction.TryParse(bytes, out var tx, out var error))
        {
            var thrown = Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(bytes));
            return error.Offset >= 0 && error.Offset <= bytes.Length && thrown.Error == error;
        }

        return tx.Serialize().AsSpan().SequenceEqual(bytes);
    }
}
