using BenchmarkDotNet.Attributes;
using NBitcoin;
using NBitcoin.Crypto;
using Teos.Protocol.Appointments;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Profiles;

namespace Teos.Bench;

/// <summary>
/// What the tower does with every block bitcoind hands it: parse a full ~1 MB block of 4,000 transactions and
/// derive both profiles' locators of every transaction (so every txid is hashed). Before issue 18 a hand-written
/// parser did this; docs/PERFORMANCE.md keeps the two side by side.
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
        var block = BitcoinWire.Factory.CreateBlock();
        block.Header.HashPrevBlock = Hashes.DoubleSHA256([1]);
        block.Header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        block.Transactions.Add(Coinbase(random));
        while (block.Transactions.Count < TransactionCount)
            block.Transactions.Add(block.Transactions.Count % 3 == 0 ? LegacySpend(random) : SegwitSpend(random));
        block.UpdateMerkleRoot();

        _block = block.ToBytes();
        _blockHex = Convert.ToHexStringLower(_block);
        Console.WriteLine($"// block: {TransactionCount} transactions, {_block.Length} bytes");
    }

    /// <summary>The tower's real path: bitcoind's <c>getblock &lt;hash&gt; 0</c> hex.</summary>
    [Benchmark(Baseline = true)]
    public int ParseHexWithLocators() =>
        BitcoinWire.TryParseBlockHex(_blockHex, out var block, out var error) ? SumLocators(block) : throw new FormatException(error);

    [Benchmark]
    public int ParseBytesWithLocators() =>
        BitcoinWire.TryParseBlock(_block, out var block, out var error) ? SumLocators(block) : throw new FormatException(error);

    private static int SumLocators(Block block)
    {
        var sum = 0;
        foreach (var transaction in block.Transactions)
        {
            var txid = transaction.GetHash();
            sum += Locator.FromTxid(txid, ClientProfile.Rust).GetHashCode() ^ Locator.FromTxid(txid, ClientProfile.Python).GetHashCode();
        }

        return sum;
    }

    private static Transaction Coinbase(Random random)
    {
        var coinbase = BitcoinWire.Factory.CreateTransaction();
        coinbase.Inputs.Add(TxIn.CreateCoinbase(840_000));
        coinbase.Outputs.Add(Output(random, 22));
        return coinbase;
    }

    /// <summary>P2WPKH-like: one input, two outputs, a 72-byte signature and 33-byte key in the witness (~222 bytes).</summary>
    private static Transaction SegwitSpend(Random random)
    {
        var transaction = BitcoinWire.Factory.CreateTransaction();
        transaction.Version = 2;
        var input = new TxIn(new OutPoint(Hashes.DoubleSHA256(RandomBytes(random, 8)), (uint)random.Next(4))) { Sequence = 0xffff_fffd };
        input.WitScript = new WitScript([RandomBytes(random, 72), RandomBytes(random, 33)]);
        transaction.Inputs.Add(input);
        transaction.Outputs.Add(Output(random, 22));
        transaction.Outputs.Add(Output(random, 34));
        return transaction;
    }

    /// <summary>P2PKH-like: one input with a 107-byte scriptSig, two 25-byte output scripts (~226 bytes).</summary>
    private static Transaction LegacySpend(Random random)
    {
        var transaction = BitcoinWire.Factory.CreateTransaction();
        transaction.Inputs.Add(new TxIn(new OutPoint(Hashes.DoubleSHA256(RandomBytes(random, 8)), 1), Script.FromBytesUnsafe(RandomBytes(random, 107))));
        transaction.Outputs.Add(Output(random, 25));
        transaction.Outputs.Add(Output(random, 25));
        return transaction;
    }

    private static TxOut Output(Random random, int scriptLength) =>
        new(Money.Satoshis(random.NextInt64(1, 100_000_000)), Script.FromBytesUnsafe(RandomBytes(random, scriptLength)));

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
