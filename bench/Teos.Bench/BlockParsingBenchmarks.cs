using BenchmarkDotNet.Attributes;
using Teos.Protocol.Bitcoin;

namespace Teos.Bench;

/// <summary>
/// Parsing a full ~1 MB block of 4,000 transactions (and so computing every txid, which the tower needs for
/// its per-block locators) must take milliseconds, well inside one block interval of polling.
/// </summary>
[MemoryDiagnoser]
public class BlockParsingBenchmarks
{
    private const int TransactionCount = 4_000;

    private byte[] _block = [];
    private string _blockHex = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2_009);
        var transactions = new List<Transaction> { Coinbase.Create(840_000, 3_1250_0000, RandomBytes(random, 22)) };
        while (transactions.Count < TransactionCount)
            transactions.Add(transactions.Count % 3 == 0 ? LegacySpend(random) : SegwitSpend(random));

        var block = Block.Create(Txid.HashOf([1]), transactions, time: 1_700_000_000);
        _block = block.Serialize();
        _blockHex = block.ToHex();
        Console.WriteLine($"// block: {TransactionCount} transactions, {_block.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int ParseBlockWithTxids() => SumLocatorBytes(Block.Parse(new ReadOnlyMemory<byte>(_block)));

    /// <summary>The tower's real path: bitcoind's <c>getblock &lt;hash&gt; 0</c> hex.</summary>
    [Benchmark]
    public int ParseBlockHexWithTxids() => SumLocatorBytes(Block.ParseHex(_blockHex));

    /// <summary>Touches every txid's first 16 internal bytes (a locator) so nothing is skipped.</summary>
    private static int SumLocatorBytes(Block block)
    {
        var sum = 0;
        foreach (var transaction in block.Transactions)
            sum += transaction.Txid.InternalBytes[..16][15];
        return sum;
    }

    /// <summary>P2WPKH-like: one input, two outputs, a 72-byte signature and 33-byte key in the witness (~222 bytes).</summary>
    private static Transaction SegwitSpend(Random random)
    {
        var input = new TxIn(
            new OutPoint(Txid.HashOf(RandomBytes(random, 8)), (uint)random.Next(4)),
            [],
            0xffff_fffd,
            [RandomBytes(random, 72), RandomBytes(random, 33)]);
        return new Transaction(2, [input], [Output(random, 22), Output(random, 34)], 0);
    }

    /// <summary>P2PKH-like: one input with a 107-byte scriptSig, two 25-byte output scripts (~226 bytes).</summary>
    private static Transaction LegacySpend(Random random)
    {
        var input = new TxIn(new OutPoint(Txid.HashOf(RandomBytes(random, 8)), 1), RandomBytes(random, 107));
        return new Transaction(1, [input], [Output(random, 25), Output(random, 25)], 0);
    }

    private static TxOut Output(Random random, int scriptLength) => new(random.NextInt64(1, 100_000_000), RandomBytes(random, scriptLength));

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
