using System.Buffers.Binary;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Encoding;

namespace Teos.BitcoindSim.Chain;

/// <summary>Builds regtest blocks: bitcoind's regtest genesis, coinbases, and headers meeting regtest's proof of work.</summary>
internal sealed class BlockFactory
{
    /// <summary>Seconds between simulated blocks: mainnet's target spacing, so times look like a real chain.</summary>
    private const uint BlockSpacing = 600;

    /// <summary>An anyone-can-spend (OP_TRUE) output script for coinbases.</summary>
    private static readonly byte[] OpTrue = [0x51];

    private long _extraNonce;

    /// <summary>Bitcoin Core's regtest genesis block (hash 0f9188f1…2206).</summary>
    public static Block Genesis()
    {
        var scriptSig = Hex.Decode("04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73");
        var scriptPubKey = Hex.Decode("4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac");
        var coinbase = new Transaction(1, [new TxIn(OutPoint.Null, scriptSig)], [new TxOut(50_0000_0000, scriptPubKey)], 0);
        return Block.Create(Txid.Zero, [coinbase], time: 1296688602, version: 1, nonce: 2);
    }

    /// <summary>A block on top of <paramref name="parent"/> with a fresh coinbase followed by <paramref name="transactions"/>.</summary>
    public Block Mine(SimBlock parent, IReadOnlyList<Transaction> transactions)
    {
        var height = parent.Height + 1;
        var all = new List<Transaction>(transactions.Count + 1) { Coinbase(height) };
        all.AddRange(transactions);
        var block = Block.Create(parent.Hash, all, parent.Block.Header.Time + BlockSpacing);
        return Grind(block);
    }

    /// <summary>
    /// A coinbase with the height (BIP34) and a counter in its script, so every coinbase, and so every block,
    /// differs, even for two branches at the same height.
    /// </summary>
    private Transaction Coinbase(int height)
    {
        var scriptSig = new byte[1 + 4 + 1 + 8];
        scriptSig[0] = 4;
        BinaryPrimitives.WriteInt32LittleEndian(scriptSig.AsSpan(1), height);
        scriptSig[5] = 8;
        BinaryPrimitives.WriteInt64LittleEndian(scriptSig.AsSpan(6), Interlocked.Increment(ref _extraNonce));
        var subsidy = 50_0000_0000L >> Math.Min(height / 150, 63);
        return new Transaction(2, [new TxIn(OutPoint.Null, scriptSig)], [new TxOut(subsidy, OpTrue)], 0);
    }

    /// <summary>Searches a nonce for regtest's target (0x207fffff): about half of all hashes qualify.</summary>
    private static Block Grind(Block block)
    {
        var header = block.Header;
        while (!MeetsRegtestTarget(header.Hash))
            header = header.WithNonce(header.Nonce + 1);
        return ReferenceEquals(header, block.Header) ? block : new Block(header, block.Transactions);
    }

    /// <summary>The hash, read as a little-endian number, is below 0x7fffff · 2^232 when its top byte is under 0x7f.</summary>
    private static bool MeetsRegtestTarget(Txid hash) => hash.InternalBytes[Txid.Size - 1] < 0x7f;
}
