using BenchmarkDotNet.Attributes;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Bench;

/// <summary>
/// What the tower does with every block bitcoind hands it: parse a full ~1 MB block of 4,000 transactions and
/// derive both profiles' locators of every transaction (so every txid is hashed). Hand-written parser (the
/// baseline) against NBitcoin behind <see cref="BitcoinWire"/>.
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
        if (HandWrittenHex() != NBitcoinHex())
            throw new InvalidOperationException("The two parsers derive different locators");
        Console.WriteLine($"// block: {TransactionCount} transactions, {_block.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int HandWrittenHex() => SumLocators(Block.ParseHex(_blockHex));

    /// <summary>The tower's real path: bitcoind's <c>getblock &lt;hash&gt; 0</c> hex.</summary>
    [Benchmark]
    public int NBitcoinHex() =>
        BitcoinWire.TryParseBlockHex(_blockHex, out var block, out var error) ? SumLocators(block) : throw new FormatException(error);

    [Benchmark]
    public int HandWrittenBytes() => SumLocators(Block.Parse(new ReadOnlyMemory<byte>(_block)));

    [Benchmark]
    public int NBitcoinBytes() =>
        BitcoinWire.TryParseBlock(_block, out var block, out var error) ? SumLocators(block) : throw new FormatException(error);

    private static int SumLocators(Block block)
    {
        var sum = 0;
        foreach (var transaction in block.Transactions)
            sum += Locator.FromTxid(transaction.Txid, ClientProfile.Rust).GetHashCode() ^ Locator.FromTxid(transaction.Txid, ClientProfile.Python).GetHashCode();
        return sum;
    }

    private static int SumLocators(NBitcoin.Block block)
    {
        var sum = 0;
        foreach (var transaction in block.Transactions)
        {
            var txid = transaction.GetHash();
            sum += Locator.FromTxid(txid, ClientProfile.Rust).GetHashCode() ^ Locator.FromTxid(txid, ClientProfile.Python).GetHashCode();
        }

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
