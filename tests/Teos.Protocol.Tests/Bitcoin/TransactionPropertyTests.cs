using FsCheck;
using FsCheck.Fluent;
using NBitcoin;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Bitcoin;

/// <summary>Hostile bytes never escape <see cref="BitcoinWire"/> as anything but a refusal, and what it accepts is canonical.</summary>
public class TransactionPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static readonly byte[][] VectorTransactions =
        SpecVectors.Rows("transactions").Select(row => Hex.Decode(((VectorRow)row[0]).Str("hex"))).ToArray();

    [Fact]
    public void Random_bytes_are_parsed_or_refused()
    {
        var prefixes = Gen.Elements(Array.Empty<byte>(), [0x01, 0, 0, 0], [0x02, 0, 0, 0, 0, 1]);
        var inputs =
            from prefix in prefixes
            from tail in ByteMutation.Bytes(0, 120)
            select (byte[])[.. prefix, .. tail];

        Check.One(Runs, Prop.ForAll(Arb.From(inputs), ParsedCanonicallyOrRefused));
    }

    [Fact]
    public void Mutated_vector_transactions_are_parsed_or_refused()
    {
        var mutated =
            from original in Gen.Elements(VectorTransactions)
            from mutations in Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(ByteMutation.Any, count))
            select mutations.Aggregate(original, (bytes, mutation) => mutation.ApplyTo(bytes));

        Check.One(Runs, Prop.ForAll(Arb.From(mutated), ParsedCanonicallyOrRefused));
    }

    /// <summary>
    /// Any exception fails the property. Whatever is accepted must re-serialize to exactly the same bytes: only
    /// canonical encodings are admitted.
    /// </summary>
    private static bool ParsedCanonicallyOrRefused(byte[] bytes)
    {
        if (!BitcoinWire.TryParseTransaction(bytes, out var tx, out var error))
            return error.Length > 0 && Assert.Throws<FormatException>(() => BitcoinWire.ParseTransaction(bytes)).Message == error;
        return tx.ToBytes().AsSpan().SequenceEqual(bytes);
    }
}
