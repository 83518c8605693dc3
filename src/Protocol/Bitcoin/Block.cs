using System.Collections.Immutable;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// A block as bitcoind's <c>getblock &lt;hash&gt; 0</c> returns it: header, CompactSize transaction count,
/// transactions. Parsing lives in <c>Block.Parsing.cs</c>.
/// </summary>
public sealed partial class Block
{
    /// <summary>The version bitcoind's miner uses (BIP9 version bits, none signalled).</summary>
    public const int DefaultVersion = 0x2000_0000;

    /// <summary>Regtest's proof-of-work limit in compact form: half of all hashes meet it.</summary>
    public const uint RegtestBits = 0x207f_ffff;

    public Block(BlockHeader header, IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(header);
        Header = header;
        Transactions = [.. transactions];
    }

    /// <summary>For the parser: takes the array as is.</summary>
    internal Block(BlockHeader header, ImmutableArray<Transaction> transactions)
    {
        Header = header;
        Transactions = transactions;
    }

    public BlockHeader Header { get; }

    public ImmutableArray<Transaction> Transactions { get; }

    public Txid Hash => Header.Hash;

    public int Size => BlockHeader.Size + CompactSize.SizeOf((ulong)Transactions.Length) + Transactions.Sum(tx => tx.Size);

    /// <summary>Builds a block whose header commits to <paramref name="transactions"/> (what a block producer or a simulator needs).</summary>
    public static Block Create(
        Txid previousBlockHash,
        IReadOnlyList<Transaction> transactions,
        uint time,
        uint bits = RegtestBits,
        int version = DefaultVersion,
        uint nonce = 0)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var merkleRoot = ComputeMerkleRoot(transactions.Select(tx => tx.Txid).ToArray());
        return new Block(new BlockHeader(version, previousBlockHash, merkleRoot, time, bits, nonce), transactions);
    }

    /// <summary>Bitcoin's merkle root of internal-order txids (the last of an odd level is paired with itself).</summary>
    public static Txid ComputeMerkleRoot(IReadOnlyList<Txid> txids) => MerkleTree.ComputeRoot(txids);

    /// <summary>The merkle root of this block's transactions, to compare with <see cref="BlockHeader.MerkleRoot"/>.</summary>
    public Txid ComputeMerkleRoot() => MerkleTree.ComputeRoot(Transactions.Select(tx => tx.Txid).ToArray());

    public byte[] Serialize()
    {
        var bytes = new byte[Size];
        var writer = new BitcoinWriter(bytes);
        Header.WriteTo(ref writer);
        writer.WriteCompactSize((ulong)Transactions.Length);
        foreach (var transaction in Transactions)
            transaction.WriteTo(ref writer);
        return bytes;
    }

    public string ToHex() => Hex.Encode(Serialize());

    public override string ToString() => Hash.ToString();
}
